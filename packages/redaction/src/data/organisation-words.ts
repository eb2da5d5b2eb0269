/**
 * Words that make an @handle an organisation's or a brand's account rather than a person's: "@BBCNews",
 * "@NRL_Bulldogs_FC", "@MidlandPolice", "@VirginTrains", "@cityradio". A handle with one of these as a part is not
 * proposed as a name unless it also holds a full name ("@LouiseByrneNews": a presenter's own account); see
 * `recognisers/names/handles.ts`.
 *
 * Where it came from: written for this project by hand, from general knowledge of how organisations name their
 * accounts (the kind of body, the medium, the trade, the sport, their reach); not taken from any evaluation
 * set's handles. Words that people often put in their own handles, or that are common names, are left out ("Guardian",
 * "Star", "Live", "Bell"). Add to it when a review shows a recurring organisation's handle.
 */

/** News, broadcasting and publishing. */
const media = `news newsroom tv television radio fm dab media press times post daily weekly monthly magazine mag mags
journal herald gazette tribune chronicle examiner telegraph courier bulletin headlines reporter reports podcast
podcasts channel broadcast broadcasting network studios films pictures productions records recordings publishing
publishers books comics music official`;

/** Sport: clubs, leagues, codes. */
const sport = `fc afc cfc sc rfc rlfc gaa club clubs utd united rugby cricket football soccer athletics hockey golf tennis
basketball baseball netball racing motorsport sport sports league squad academy`;

/** Trade: companies, shops, venues, services. */
const trade = `app apps inc ltd llc plc corp company co shop shops store stores boutique brand brands outlet cafe
restaurant bistro hotel hotels resort spa salon bakery brewery distillery winery wine wines beer ales foods kitchen deals
tickets travel tours holidays airlines airways trains rail railway buses motors cars labs tech digital solutions
services consulting marketing agency events games gaming entertainment fashion beauty cosmetics jewellery jewelry
clothing apparel supplies support helpdesk customercare hq online`;

/** Public bodies, institutions, causes. */
const bodies = `council councils police constabulary gov govt government ministry dept department parliament assembly
embassy army navy fire rescue nhs trust hospital hospitals clinic health university uni college school schools
library libraries museum gallery theatre theater centre center festival fest foundation charity society association
union party campaign project org institute alliance community church cathedral zoo`;

/**
 * Words of reach that organisations add to their handles ("GlobalNews", "BrandIntl"). Country codes ("_UK", "NZ") are
 * not here: people add them to their own handles as often, so they say where an account is, not whose.
 */
const reach = `intl international global worldwide`;

const split = (block: string): string[] => block.split(/\s+/).filter((w) => w.length > 0);

/** Every organisation word, lower case. */
export const organisationWords: readonly string[] = [
  ...split(media),
  ...split(sport),
  ...split(trade),
  ...split(bodies),
  ...split(reach),
];
