/**
 * The safe-list: capitalised words that UK clinical chats use all the time and that are not people — the apps staff
 * message on, NHS and vendor systems, organisations, drugs (generic and brand names common on UK wards), eponymous
 * conditions, day names and holidays, chat interjections and contractions written without an apostrophe.
 *
 * Where it came from: written for this project by hand, from general knowledge of NHS IT (the systems named in trust
 * IG policies and incident reports), the drugs most often prescribed on adult wards (generic and brand names as staff
 * write them), and the words that the engine wrongly proposed on the sample chats in ../shared/fixtures/chats and the
 * synthetic chats. It is not copied from any list; add to it when a review shows a recurring false positive.
 *
 * A safe word is never a name on its own, but a cue still makes it one: "Mr Slack", "Teams's daughter" is unlikely
 * but "Sister Signal" would be a name, so titles and relation cues win over the safe-list.
 */

/** Messaging apps, platforms, devices and software companies. */
const products = `whatsapp whatsapps teams msteams signal telegram slack skype zoom facetime imessage messenger
facebook meta instagram twitter tiktok snapchat linkedin youtube github gitlab gmail googlemail hotmail outlook yahoo icloud
google microsoft apple iphone iphones ipad ipads android androids samsung galaxy pixel huawei motorola nokia windows excel
powerpoint onenote onedrive sharepoint dropbox bluetooth wifi wi-fi amazon siri uber deliveroo airdrop
chrome firefox safari edge pdf jpeg docx xlsx whatsappweb`;

/** NHS, clinical and trust IT systems (electronic records, incident reporting, rostering, results, bleeps). */
const systems = `nhs nhsmail nhsnet nhsx datix ulysses inphase radar epr ehr emis emisweb systmone tpp cerner millennium
epic careflow nervecentre vocera pacs ice medway rio evolve allscripts sunquest winpath trakcare meditech
badgernet eobs patientrack symphony adastra docman ardens accurx ascribe jac healthroster erostering allocate
bleepfree medchart eprescribing epma metavision icip soarian wardwatcher nerve-centre careview openeyes
spine summarycarerecord e-rs ers mesh pacs2 sectra agfa insight`;

/** Organisations, regulators, charities and shops that chats name. */
const organisations = `nice cqc gmc nmc hcpc bma rcn unison unite nhsbsa nhse nhsei ukhsa mhra dvla dwp hmrc ofsted
ombudsman healthwatch macmillan samaritans barnardos nspcc mencap scope mind shelter boots tesco asda sainsburys
sainsbury's morrisons aldi lidl superdrug pharmacy ocado argos greggs starbucks subway
amazonprime royalmail parcelforce evri dpd yodel hermes`;

/** Drugs: generic and brand names common on UK adult wards (a capitalised drug is not a person). */
const drugs = `paracetamol ibuprofen codeine dihydrocodeine morphine oramorph zomorph sevredol mst oxycodone oxynorm
oxycontin longtec shortec tramadol fentanyl matrifen durogesic buprenorphine butrans naloxone diclofenac naproxen
aspirin clopidogrel ticagrelor prasugrel apixaban eliquis rivaroxaban xarelto edoxaban dabigatran warfarin heparin
enoxaparin clexane dalteparin fragmin tinzaparin amoxicillin amoxycillin co-amoxiclav augmentin flucloxacillin
clarithromycin erythromycin doxycycline trimethoprim nitrofurantoin ciprofloxacin levofloxacin gentamicin vancomycin
teicoplanin meropenem piperacillin tazocin ceftriaxone cefuroxime cefalexin metronidazole clindamycin co-trimoxazole
septrin fluconazole aciclovir oseltamivir tamiflu metformin gliclazide insulin novorapid humalog lantus levemir
tresiba humulin toujeo abasaglar sitagliptin empagliflozin dapagliflozin canagliflozin ramipril lisinopril
perindopril enalapril losartan candesartan irbesartan valsartan amlodipine nifedipine bisoprolol atenolol propranolol
metoprolol carvedilol digoxin amiodarone furosemide frusemide bumetanide spironolactone bendroflumethiazide
indapamide atorvastatin simvastatin rosuvastatin pravastatin omeprazole lansoprazole pantoprazole esomeprazole
ranitidine famotidine gaviscon peptac domperidone metoclopramide ondansetron cyclizine prochlorperazine haloperidol
levomepromazine midazolam lorazepam diazepam temazepam zopiclone zolpidem sertraline citalopram escitalopram
fluoxetine mirtazapine venlafaxine duloxetine amitriptyline nortriptyline gabapentin pregabalin carbamazepine
levetiracetam keppra valproate epilim lamotrigine phenytoin quetiapine olanzapine risperidone aripiprazole clozapine
lithium donepezil memantine levodopa madopar sinemet co-careldopa co-beneldopa prednisolone dexamethasone
hydrocortisone methylprednisolone salbutamol ventolin ipratropium atrovent tiotropium spiriva seretide symbicort
fostair montelukast theophylline aminophylline levothyroxine carbimazole alendronic alendronate adcal calcichew
colecalciferol thiamine pabrinex ferrous senna senokot lactulose laxido movicol docusate bisacodyl picolax
loperamide buscopan hyoscine glycopyrronium tamsulosin finasteride oxybutynin allopurinol colchicine methotrexate
hydroxychloroquine sulfasalazine tacrolimus ciclosporin mycophenolate azathioprine adrenaline epinephrine
noradrenaline atropine glucagon hypostop glucogel dextrose hartmanns hartmann's saline plasmalyte gelofusine
albumin sando-k sandok co-codamol co-dydramol solpadol zapain nurofen calpol piriton chlorphenamine cetirizine
loratadine fexofenadine chlordiazepoxide acamprosate disulfiram methadone subutex naltrexone champix varenicline
fortisip fortijuce ensure scandishake nutilis entonox instillagel lidocaine bupivacaine emla ametop betadine
chlorhexidine octenisan flamazine aquacel mepilex allevyn inadine sudocrem cavilon zerobase diprobase epaderm
hydromol oilatum canesten daktarin nystatin fucidin bactroban mupirocin naseptin chloramphenicol viscotears
tinzaparin innohep rocuronium propofol ketamine suxamethonium sugammadex cefazolin teicoplanin`;

/** Clinical words that staff capitalise: infections, scores, devices, procedures, ward areas. */
const clinical = `covid covid-19 covid19 coronavirus sars mrsa mssa cdiff c-diff norovirus noro influenza flu sepsis
news news2 gcs dnacpr respect resus picc hickman portacath foley catheter cannula venflon ecg ecgs echo ultrasound
endoscopy colonoscopy ogd ercp tavi pci cabg dialysis haemodialysis bipap cpap niv optiflow airvo majors minors paeds
gynae obs sats bloods xray x-ray mri cxr abg vbg fbc crp lfts inr tto ttos tta eta nbm npo dnar prn ctpa abx ivabx
ivi ivf iv vte aki uti copd stemi nstemi dvt cva sob tds qds bd nocte ews mdt dols mca ngt cvc hdu itu icu ccu amu
sdec cdu tci`;

/** Eponymous conditions and signs: "Parkinson's" is a disease, not the patient (a title still makes it a name). */
const eponyms = `parkinson parkinson's parkinsons alzheimer alzheimer's alzheimers crohn crohn's crohns hodgkin hodgkin's
huntington's guillain barre barré korsakoff wernicke raynaud raynaud's sjogren sjögren meniere ménière asperger
asperger's tourette tourette's kawasaki cushing's addison's graves' bell's munchausen glasgow waterlow
barthel`;

/**
 * Offices and positions written before a name ("Health Minister Peter Dutton", "MP Bruce Flegg", "Fed Chair Janet
 * Yellen"): the office is not part of the name, however close it stands.
 */
const offices = `minister ministers premier president presidents chair chairman chairwoman chairperson chancellor secretary
senator senators governor mayor councillor cllr mp mps msp msps mep meps taoiseach tanaiste commissioner spokesman
spokeswoman spokesperson ceo cfo coo chief deputy former vice prime ambassador`;

/** Days, short forms and holidays: capitalised in English, never people on their own. */
const days = `monday tuesday wednesday thursday friday saturday sunday mon tues weds thurs fri sat sun christmas xmas
easter halloween ramadan eid diwali hanukkah vaisakhi boxing bank-holiday`;

/** Chat interjections, contractions typed without an apostrophe, and a message's conventions (RT, cc, FAO, Re). */
const chat = `haha hahaha hahahaha hehe hehehe lol lols lmao rofl omg omfg wtf ffs ugh urgh argh hmm hmmm hm mmm ooh
ahh aah aww awww yay woohoo yep yeah yup nope nah okay kk thx ty tysm np pls plz brb btw fyi tbh idk imo imho asap
tbc tba nvm xx xxx isnt dont doesnt didnt cant wont wouldnt couldnt shouldnt im ive youre theyre thats whats hes shes
aint wasnt werent havent hasnt hadnt arent youve weve theyve youll theyll itll
gonna wanna gotta dunno cuz coz cos innit st
bruh brah bro yoh aight chur holla awh thanx thnx seeyas enuff betta altho tho fam lmfao ikr welp
rt via http https www cc bcc fao fwd re nb ps aka rsvp`;

const split = (block: string): string[] => block.split(/\s+/).filter((w) => w.length > 0);

/** Every safe-list word, lower case. */
export const safeTerms: readonly string[] = [
  ...split(products),
  ...split(systems),
  ...split(organisations),
  ...split(drugs),
  ...split(clinical),
  ...split(eponyms),
  ...split(offices),
];

/** Day names, short forms and holidays, lower case (flagged like months). */
export const dayTerms: readonly string[] = split(days);

/** Offices, which a title before them addresses rather than names ("Mr President", "Madam Chair"). */
export const officeTerms: ReadonlySet<string> = new Set(split(offices));

/** Chat interjections and apostrophe-less contractions, lower case (flagged as function words). */
export const chatTerms: readonly string[] = split(chat);

/** Words after a proper noun that make it the name of a place, not a person ("Nightingale Ward", "Mary's Hospital"). */
export const facilityWords: readonly string[] = split(`ward wards unit wing suite centre center hospital house building
clinic practice surgery lodge theatre theatres block hospice infirmary pavilion annexe department dept`);

/**
 * Words after a proper noun that make it the name of a place or a body outside the hospital ("Victoria Park", "Stewart
 * Island", "Hamilton Police", "Fred Hollows Foundation"). Read by the name rules only (not a lexicon flag the model
 * learned from), and only when the word is not also a listed surname ("Hall", "Church" stay possible surnames).
 */
export const placeWords: readonly string[] = split(`street road avenue lane square park gardens island islands bay beach
river lake mountain valley school college university academy zoo police station airport stadium arena bridge museum
gallery library church cathedral chapel abbey foundation trust council office market mall hotel club lounge farm
airbase airlines airways band industries resources mining pharmaceuticals`);

/**
 * Words before a proper noun that make it the name of a place ("St Luke's", "San Diego", "Lake Charles", "Mt Albert",
 * "South Carolina"). Read by the name rules only, as `placeWords` is. Chosen on the training data (BTC sections E, G, H
 * and WNUT17 train), where none of the 28 names the engine found after one of these was a person's; "West", "Great" and
 * "Ft" (featuring) are left out because people's names follow them too.
 */
export const placePrefixes: readonly string[] = split(
  'st saint ste san santa sta mt mount lake fort port cape north south',
);

/**
 * Abbreviated months that are also given names ("Jan"): beside a number ("19 Jan", "Jan 2015", "Jan-21") they are
 * dates. Read by the name rules only.
 */
export const monthAbbreviations: readonly string[] = split('jan feb mar apr jun jul aug sep sept oct nov dec');

/** Words after a name that make it an eponymous condition, sign or score ("Bell's palsy", "Parkinson disease"). */
export const eponymWords: readonly string[] = split(
  'disease syndrome palsy sign test score criteria phenomenon manoeuvre maneuver procedure fracture ulcer',
);
