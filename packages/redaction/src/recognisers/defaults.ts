/** The built-in recognisers, in the order they run. */
import type { Recogniser } from '../recogniser.ts';
import {
  addressRecogniser,
  ageRecogniser,
  customRecogniser,
  dateOfBirthRecogniser,
  hospitalNumberRecogniser,
} from './clinical.ts';
import {
  emailRecogniser,
  mentionRecogniser,
  nhsNumberRecogniser,
  niNumberRecogniser,
  phoneRecogniser,
  postcodeRecogniser,
} from './identifiers.ts';
import { nameRecogniser } from './names.ts';

/** The built-in recognisers, in the order they run. */
export const defaultRecognisers: readonly Recogniser[] = [
  nhsNumberRecogniser,
  niNumberRecogniser,
  emailRecogniser,
  phoneRecogniser,
  mentionRecogniser,
  postcodeRecogniser,
  hospitalNumberRecogniser,
  addressRecogniser,
  dateOfBirthRecogniser,
  ageRecogniser,
  nameRecogniser,
  customRecogniser,
];
