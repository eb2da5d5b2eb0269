/**
 * Small exports shaped like the ones records officers are really handed, each for one thing a disclosure must get
 * right: a one-to-one chat titled with a person's name (the file name carries it), a ward group and an unrelated
 * pharmacy chat with WhatsApp's business notice, an Arabic chat with digits and English whose dates could be read
 * day or month first, a chat of emoji ZWJ sequences, and a Hindi and Punjabi chat. Hand-written, fictional: names are
 * made up, the NHS number is from the 999 test range and phones from Ofcom's drama range. Android layout unless noted.
 */

/** One export: the file name as WhatsApp names it, its text, and the values a test checks for. */
export interface RealShapedExport {
  fileName: string;
  text: string;
  /** The personal data in it that a disclosure must not show (for a leak check), beyond its title and file name. */
  secrets: string[];
}

const lines = (rows: readonly string[]): string => `${rows.join('\n')}\n`;

/**
 * A nurse's one-to-one chat with a patient's son, exported from her phone: WhatsApp titles it "Derek Thompson" (the
 * file name and the title are his name). The patient, Margaret Thompson, is the subject of a SAR. Holds a photo and
 * a video (their files are `photo` and `video` in the zip a test builds).
 */
export function oneToOneChat(): RealShapedExport & { photo: string; video: string } {
  const photo = 'IMG-20240305-WA0001.jpg';
  const video = 'VID-20240305-WA0002.mp4';
  return {
    fileName: 'WhatsApp Chat with Derek Thompson.txt',
    photo,
    video,
    secrets: ['Derek Thompson', '07700 900461'],
    text: lines([
      '04/03/2024, 18:02 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.',
      '04/03/2024, 18:03 - Jane Okafor: Hello Derek, this is Jane from Ward 7. Your mum Margaret Thompson is settled tonight.',
      '04/03/2024, 18:10 - Derek Thompson: Thank you. Please call me on 07700 900461 if anything changes.',
      '05/03/2024, 09:15 - Jane Okafor: Margaret ate breakfast and is walking with the frame.',
      `05/03/2024, 09:16 - Jane Okafor: ${photo} (file attached)`,
      'Margaret in her new room',
      `05/03/2024, 09:20 - Derek Thompson: ${video} (file attached)`,
      'Dad saying hello to Margaret',
      '05/03/2024, 09:30 - Jane Okafor: Lovely, I will show her. NHS number for your records: 943 476 5919',
    ]),
  };
}

/**
 * A ward coordinators' group: two staff members post bed states and name each other with courtesy titles next to a
 * patient's identifiers (which once made them "Patient 1" and "Patient 2"). Every date has a day of 12 or less, so
 * the export cannot tell day-first from month-first, and one time goes backwards.
 */
export function wardGroupChat(): RealShapedExport {
  return {
    fileName: 'WhatsApp Chat with Ward 25 coordinators.txt',
    secrets: ['Priya Shah', 'Tom Reeve', 'Agnes Whitfield'],
    text: lines([
      '02/03/2024, 08:00 - Priya Shah: Ward 25 has 3 beds free',
      '02/03/2024, 08:05 - Tom Reeve: Ward 25 has 3 beds free',
      '02/03/2024, 08:20 - Priya Shah: Mr Reeve please take bed 4, Agnes Whitfield, NHS number 943 476 5919',
      '02/03/2024, 08:10 - Tom Reeve: IMG-20240302-WA0007.jpg (file attached)',
      'Done. Mrs Shah the discharge letter',
      '03/03/2024, 09:00 - Priya Shah: Thanks all',
    ]),
  };
}

/** A pharmacy's business account, a chat unrelated to the ward group: its first line is WhatsApp's business notice. */
export function pharmacyBusinessChat(): RealShapedExport {
  return {
    fileName: 'WhatsApp Chat with Acme Pharmacy.txt',
    secrets: ['Sam Patel'],
    text: lines([
      '10/04/2024, 10:00 - Acme Pharmacy: This business uses a secure service from Meta to manage this chat. Tap to learn more.',
      '10/04/2024, 10:01 - Sam Patel: Is the apixaban for Ward 25 ready for collection?',
      '10/04/2024, 10:15 - Acme Pharmacy: Yes, ready at the counter from 11.',
    ]),
  };
}

/** An Arabic ward chat with digits, English and emoji inside its lines, and an Arabic chat name. */
export function arabicChat(): RealShapedExport {
  return {
    fileName: 'WhatsApp Chat with فريق الجناح 7.txt',
    secrets: ['Fatima Al-Sayed'],
    text: lines([
      '14/05/2024, 07:55 - أحمد: صباح الخير، عندنا 3 أسرة فارغة في Ward 25 اليوم 👍',
      '14/05/2024, 08:02 - Fatima Al-Sayed: تمام، المريض في سرير 4 يحتاج ECG قبل الساعة 10',
      '14/05/2024, 08:05 - أحمد: OK, I will tell the doctor (غداً 2 موعد)',
    ]),
  };
}

/** Family, couple, gendered and skin-toned emoji sequences as phones send them (some without variation selectors). */
export function emojiChat(): RealShapedExport {
  return {
    fileName: 'WhatsApp Chat with Night team.txt',
    secrets: [],
    text: lines([
      '20/05/2024, 22:00 - Olu Adebayo: Family visiting bed 6 👨‍👩‍👧 and a couple 👩‍❤️‍👨 for bed 7',
      '20/05/2024, 22:05 - Grace Lindqvist: On my way 🏃‍♀️ then security 👮‍♂ at the door 🤦🏽‍♀️',
      '20/05/2024, 22:06 - Olu Adebayo: Thanks 👍🏽 ❤️',
    ]),
  };
}

/** Hindi (Devanagari) and Punjabi (Gurmukhi) with English, as staff write to each other. */
export function hindiPunjabiChat(): RealShapedExport {
  return {
    fileName: 'WhatsApp Chat with Bay 3.txt',
    secrets: [],
    text: lines([
      '21/05/2024, 07:30 - Ravi Menon: नमस्ते, बिस्तर 4 खाली है। Handover at 8',
      '21/05/2024, 07:32 - Harpreet Gill: ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ, ਮੈਂ ਆ ਰਹੀ ਹਾਂ',
      '21/05/2024, 07:33 - Ravi Menon: धन्यवाद 🙏',
    ]),
  };
}
