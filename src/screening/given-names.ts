/**
 * Given names that are one name in different languages, romanisations or
 * familiar forms: a person listed as Aleksandr is screened as Alexander,
 * Oleksandr (Ukrainian) and Sasha; Mykola is Nikolai; Muhammad is Mohammed.
 * Each group maps to its first spelling; `canonicalToken` applies it to
 * every word of a name, so it is exact either way round.
 *
 * Sources (facts, not text): the Ukrainian–Russian given-name correspondences
 * in the Ukrainian national romanisation (Cabinet resolution 55 of 2010)
 * and Russian BGN/PCGN and GOST 7.79 spellings as lists use them; common
 * English hypocorisms (Bill/William, Ted/Theodore, Bob/Robert); common
 * romanisations of Arabic given names on the UN ISIL/Al-Qaida and 1518
 * lists (Usama/Osama, Sayeed/Saeed). Version 1, 2026-12. A form belongs to
 * one group only: "Ted" is also short for Edward, but goes with Theodore.
 */
const GROUPS: readonly (readonly string[])[] = [
  // Russian / Ukrainian / Belarusian / English
  ['aleksandr', 'alexander', 'alexandr', 'aleksander', 'oleksandr', 'olexandr', 'alyaksandr', 'sasha', 'alex'],
  ['aleksey', 'alexey', 'aleksei', 'alexei', 'oleksiy', 'oleksii', 'alexis'],
  ['nikolai', 'nikolay', 'nikolaj', 'mykola', 'mikola', 'nicholas', 'nikola'],
  ['vladimir', 'volodymyr', 'uladzimir', 'wladimir', 'volodya'],
  ['vladimirovich', 'volodymyrovych', 'wladimirowitsch'],
  ['aleksandrovich', 'alexandrovich', 'oleksandrovych'],
  ['nikolayevich', 'nikolaevich', 'mykolayovych', 'mykolaiovych'],
  ['mikhail', 'mykhailo', 'mykhaylo', 'michael', 'misha', 'mikhael'],
  ['mikhailovich', 'mykhailovych', 'mikhaylovich'],
  ['sergei', 'sergey', 'serhiy', 'serhii', 'sergiy', 'serguei', 'sergej', 'serge'],
  ['sergeyevich', 'sergeevich', 'serhiyovych', 'serhiiovych'],
  ['dmitry', 'dmitri', 'dmitriy', 'dmitrii', 'dmytro', 'dimitri', 'dima'],
  ['dmitriyevich', 'dmitrievich', 'dmytrovych'],
  ['yevgeny', 'yevgeniy', 'evgeny', 'evgenii', 'evgeniy', 'yevhen', 'eugene', 'zhenya'],
  ['yuri', 'yury', 'yuriy', 'yurii', 'iurii', 'georgy', 'jurij'],
  ['grigory', 'grigoriy', 'hryhoriy', 'hryhorii', 'gregory'],
  ['pyotr', 'petr', 'petro', 'peter'],
  ['pavel', 'pavlo', 'paul'],
  ['ivan', 'john'],
  ['andrei', 'andrey', 'andriy', 'andrii', 'andrew'],
  ['anatoly', 'anatoliy', 'anatolii', 'anatolij'],
  ['anatolyevich', 'anatolievich', 'anatoliyovych'],
  ['viktor', 'victor'],
  ['viktorovich', 'viktorovych', 'victorovich'],
  ['vasily', 'vasiliy', 'vasyl', 'vasilii', 'wassili'],
  ['vasilyevich', 'vasilievich', 'vasylyovych', 'vasilevich'],
  ['gennady', 'gennadiy', 'gennadii', 'hennadiy', 'guennadi'],
  ['valery', 'valeriy', 'valerii', 'valeri'],
  ['maria', 'mariya', 'mariia', 'mary'],
  ['yelena', 'elena', 'olena', 'helen'],
  ['igor', 'ihor'],
  ['oleg', 'oleh'],
  ['yakov', 'yakiv', 'jacob'],
  ['fyodor', 'fedor', 'fedir'],
  ['fyodorovich', 'fedorovich', 'fedorovych'],
  // English familiar forms
  ['william', 'bill', 'billy', 'will', 'willy'],
  ['robert', 'bob', 'bobby', 'rob'],
  ['richard', 'dick', 'rick'],
  ['edward', 'ed', 'eddie', 'ned'],
  ['theodore', 'ted', 'teddy', 'theo'],
  ['james', 'jim', 'jimmy'],
  ['joseph', 'joe', 'joey'],
  ['thomas', 'tom', 'tommy'],
  ['elizabeth', 'liz', 'beth', 'betty'],
  ['margaret', 'maggie', 'peggy'],
  ['catherine', 'katherine', 'kate', 'cathy'],
  // Arabic
  ['muhammad', 'mohammed', 'mohammad', 'muhammed', 'mohamed', 'mohamad', 'muhamad', 'mohd', 'mehmet'],
  ['said', 'saeed', 'sayeed', 'sayid', 'sayed', 'saied', 'saiid'],
  ['hasan', 'hassan'],
  ['husayn', 'hussein', 'husain', 'hussain', 'husein', 'hossein'],
  ['abdul', 'abd', 'abdel', 'abdal', 'abdoul'],
  ['abdullah', 'abdallah', 'abdulla', 'abdollah'],
  ['ahmad', 'ahmed'],
  ['mahmud', 'mahmoud', 'mahmood'],
  ['yusuf', 'youssef', 'yousef', 'yusef', 'yousuf', 'joseph'],
  ['umar', 'omar', 'omer'],
  ['usama', 'osama', 'oussama', 'usamah'],
  ['ibrahim', 'ebrahim', 'ibraheem'],
  ['qasim', 'qasem', 'qassem', 'ghasem', 'kasim', 'qassim'],
  ['sulayman', 'suleiman', 'sulaiman', 'soleiman', 'suleyman'],
  ['khalid', 'khaled'],
  ['mustafa', 'mostafa', 'moustafa'],
  ['hamza', 'hamzah'],
  ['aisha', 'aicha', 'ayesha', 'aysha'],
  ['saif', 'sayf', 'seif', 'sayfullah'],
  ['hafiz', 'hafez'],
  ['dawood', 'dawud', 'daud', 'daoud', 'david'],
  ['masood', 'masud', 'masoud'],
];

const MAP: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const g of GROUPS) for (const n of g) if (!m.has(n)) m.set(n, g[0]!);
  return m;
})();

/** The group's spelling of a given name, or undefined when it is in none. */
export function canonicalGivenName(token: string): string | undefined {
  return MAP.get(token);
}
