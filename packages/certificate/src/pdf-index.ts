/**
 * The certificate PDF: built from the signed code and pinned font files, the same bytes every time, so a checker can
 * rebuild it and compare. Heavy (pdf-lib, fontkit, fonts): import it only when a certificate is made or checked.
 */

export type { Fontkit, FontLoader, NameRun } from './fonts.ts';
export { certificateFontkit, cjkSliceFile, NAME_FONT, NameFonts, unprintableMessage } from './fonts.ts';
export type { PdfCheck } from './pdf.ts';
export { buildCertificatePdf, CERTIFICATE_LAYOUT, checkCertificatePdf, readCertificateCode } from './pdf.ts';
