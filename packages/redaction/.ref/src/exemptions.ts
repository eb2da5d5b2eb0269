/**
 * The exemption codes the engine prints, taken from records-policy's table so a code can never drift from the
 * statute list the rest of the toolkit uses (getExemption throws at load time if one were missing).
 */
import { getExemption } from '@im-records/records-policy';

/** FOIA s40(2): third-party personal data. */
export const S40_2 = getExemption('s40(2)').code;
/** FOIA s41: information provided in confidence (patients' information). */
export const S41 = getExemption('s41').code;
/** DPA 2018 Sch 2 para 16: other people's data in a subject access response. */
export const PARA16 = getExemption('DPA Sch2 para16').code;
/** DPA 2018 Sch 2 para 17: health professionals acting in their role (a reason to keep, cited in the kept list). */
export const PARA17 = getExemption('DPA Sch2 para17').code;
