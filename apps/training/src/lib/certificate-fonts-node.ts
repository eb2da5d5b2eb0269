/** The certificate's Node font loader (tests and scripts), from the certificate package. */
export { nodeFontLoader } from '@im-records/certificate/node';
