/**
 * The project's own short list of names common in the UK that faker's en lists lack (South Asian, Polish, West African,
 * Welsh, Irish, Scottish and older English names), so the lists fit UK wards rather than US data.
 */
export const supplementFirstNames: readonly string[] = [
  'Aaliyah', 'Abdul', 'Adebayo', 'Afsana', 'Agnieszka', 'Ahmed', 'Aisha', 'Alfie', 'Ali', 'Amara', 'Amira', 'Anil',
  'Anjali', 'Aoife', 'Archie', 'Arjun', 'Asif', 'Ayesha', 'Bartosz', 'Bethan', 'Bilal', 'Bronwen', 'Callum', 'Caoimhe',
  'Cerys', 'Chidi', 'Chloe', 'Ciaran', 'Connor', 'Daniel', 'Deepak', 'Dylan', 'Eilidh', 'Eleri', 'Emeka', 'Fatima',
  'Fiona', 'Gareth', 'Gethin', 'Gurpreet', 'Hamza', 'Harpreet', 'Hassan', 'Ifeoma', 'Imran', 'Iona', 'Isla', 'Jakub',
  'Jaspreet', 'Kamal', 'Kasia', 'Kwame', 'Lakshmi', 'Lowri', 'Mairead', 'Malik', 'Manpreet', 'Marek', 'Megan',
  'Mohammed', 'Muhammad', 'Nadia', 'Naveed', 'Niamh', 'Nkechi', 'Olusegun', 'Oluwaseun', 'Oisin', 'Omar', 'Piotr',
  'Priya', 'Rahul', 'Rajesh', 'Rhys', 'Rukhsana', 'Sadia', 'Saoirse', 'Shabnam', 'Siobhan', 'Sinead', 'Sunita',
  'Tariq', 'Tomasz', 'Usman', 'Wojciech', 'Yusuf', 'Zainab', 'Zara', 'Doris', 'Edna', 'Elsie', 'Ethel', 'Gladys',
  'Maureen', 'Brenda', 'Pauline', 'Sheila', 'Irene', 'Mavis', 'Reginald', 'Stanley', 'Norman', 'Derek', 'Keith',
  'Trevor', 'Clive', 'Nigel', 'Colin', 'Graham', 'Gwen', 'Sian', 'Dafydd', 'Iwan', 'Morag', 'Hamish', 'Kirsty',
];

export const supplementSurnames: readonly string[] = [
  'Ahmed', 'Akhtar', 'Ali', 'Anderson', 'Begum', 'Bibi', 'Boateng', 'Brown', 'Byrne', 'Campbell', 'Chowdhury', 'Clarke',
  'Davies', 'Edwards', 'Evans', 'Fraser', 'Ghosh', 'Griffiths', 'Gupta', 'Hughes', 'Hussain', 'Iqbal', 'Islam', 'Jones',
  'Kaur', 'Kelly', 'Khan', 'Kowalski', 'Kumar', 'Lewandowski', 'Lloyd', 'MacDonald', 'Mahmood', 'Malik', 'McCarthy',
  'McLean', 'Mensah', 'Miah', 'Morgan', 'Murphy', 'Nowak', "O'Brien", "O'Connor", "O'Neill", 'Okafor', 'Okeke',
  'Owusu', 'Parry', 'Patel', 'Rahman', 'Rees', 'Reid', 'Robertson', 'Shah', 'Sharma', 'Singh', 'Smith', 'Stewart',
  'Taylor', 'Thomas', 'Thompson', 'Walsh', 'Watson', 'Williams', 'Wilson', 'Wright', 'Wood', 'Wójcik', 'Adeyemi',
  'Afolabi', 'Asante', 'Bhatt', 'Choudhury', 'Das', 'Desai', 'Doyle', 'Hamilton', 'Jenkins', 'Joshi', 'Kennedy', 'Mistry',
  'Morrison', 'Nair', 'Nguyen', 'Pritchard', 'Qureshi', 'Rana', 'Sandhu', 'Scott', 'Sidhu', 'Wang', 'Chen', 'Li',
];
