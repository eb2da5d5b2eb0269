/** Entry point of the cmi5 package's script: the player, reporting to the LRS the LMS named in the launch URL. */
import { startPlayer } from './app.ts';
import { Cmi5Tracker } from './cmi5.ts';

void startPlayer(new Cmi5Tracker(location.search));
