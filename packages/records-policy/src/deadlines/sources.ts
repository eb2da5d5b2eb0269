import type { RuleSource } from './types.ts';

/** Legal and guidance sources cited by the deadline rules (records-rules.md §1–2). */
export const SOURCES = {
  foiaS10: {
    title: 'Freedom of Information Act 2000, section 10',
    url: 'https://www.legislation.gov.uk/ukpga/2000/36/section/10',
  },
  icoLtt47: {
    title: 'ICO line to take LTT47 (counting working days)',
    url: 'http://foiwiki.com/foiwiki/index.php/LTT47',
  },
  icoEirTimeLimits: {
    title: 'ICO: Time limits for compliance under the EIR',
    url: 'https://ico.org.uk/for-organisations/foi/freedom-of-information-and-environmental-information-regulations/time-limits-for-compliance-under-the-eir',
  },
  foisaS10: {
    title: 'Freedom of Information (Scotland) Act 2002, section 10 (Explanatory Notes)',
    url: 'https://www.legislation.gov.uk/asp/2002/13/notes/division/3/1/10',
  },
  sicTimescales: {
    title: 'Scottish Information Commissioner: timescales FAQ (FOISA s73 working days)',
    url: 'https://www.itspublicknowledge.info/FAQ/PublicAuthorityFAQ/TimescalesFAQ.aspx',
  },
  icoSar: {
    title: 'ICO: What should we consider when responding to a request? (right of access)',
    url: 'https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/individual-rights/right-of-access/what-should-we-consider-when-responding-to-a-request/',
  },
} satisfies Record<string, RuleSource>;
