/** Entry point of the SCORM 1.2 package's script: the player, reporting through the LMS's `API`. */
import { startPlayer } from './app.ts';
import type { PlayerCourse } from './course-data.ts';
import { findScorm12Api, Scorm12Tracker } from './scorm12.ts';

const data = JSON.parse(document.getElementById('course-data')?.textContent ?? '{}') as PlayerCourse;
void startPlayer(new Scorm12Tracker(findScorm12Api(window), data.scormReporting));
