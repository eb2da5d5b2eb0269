/**
 * History of people's names (the people CSV for a past day names each person as they were named that day), and the
 * day each roster import is as of (a file exported from ESR on Friday and imported on Monday is dated Friday). Every
 * existing version takes the person's current name, as migration 005 took the current roster: nothing earlier is
 * known. Every existing import is dated by the UK day it was made, which is the day its versions were dated.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against no particular schema, as Kysely advises.
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['first_name', 'preferred_name', 'last_name'])
    await db.schema.alterTable('person_history').addColumn(column, 'text').execute();
  await sql`update person_history set
    first_name = (select p.first_name from people p where p.id = person_history.person),
    preferred_name = (select p.preferred_name from people p where p.id = person_history.person),
    last_name = (select p.last_name from people p where p.id = person_history.person)`.execute(db);

  await db.schema.alterTable('roster_imports').addColumn('as_of', 'text').execute();
  const imports = await db.selectFrom('roster_imports').select(['id', 'at']).execute();
  const ukDay = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  for (const row of imports)
    await db
      .updateTable('roster_imports')
      .set({ as_of: ukDay.format(new Date(row.at as string)) })
      .where('id', '=', row.id)
      .execute();
  await db.schema.createIndex('roster_imports_as_of').on('roster_imports').columns(['as_of', 'at']).execute();
}
