/**
 * The committed name model, decoded on first use: the weights ship inside the package (`src/data/name-model.json`,
 * bundled into the chat tool's worker and read by the command line from disk), so nothing is downloaded, and the
 * base64 is turned into a table only when detection first needs it.
 */
import data from '../data/name-model.json' with { type: 'json' };
import { NameModel, type NameModelData } from './tagger.ts';

let loaded: NameModel | undefined;

/** The built-in name model (decoded once, then shared). */
export function builtInNameModel(): NameModel {
  loaded ??= NameModel.fromData(data as NameModelData);
  return loaded;
}
