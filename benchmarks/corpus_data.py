"""Word lists for benchmarks/corpus.py: names, places, employers, schools, skills and phrasing.

Every list is ordered from most to least frequent where the generator draws it with a skew
(cities, employers, universities, skills), so moving an entry up makes it more common. The
people are fictional; employers and universities mix real names with invented ones, as real
resumes do.
"""

# Given names and surnames by naming culture, so that most people get a consistent full name.
# Comma-separated because some surnames hold spaces ("de Vries", "Dela Cruz").
NAME_CULTURES = {
    "nigerian": (
        "Adaeze, Chinedu, Oluwaseun, Ngozi, Emeka, Funmilayo, Tunde, Chiamaka, Ifeoma, Obinna, "
        "Temitope, Yetunde, Babajide, Kelechi, Chidi, Amara, Segun",
        "Okafor, Adeyemi, Okonkwo, Balogun, Eze, Nwosu, Olawale, Afolabi, Chukwu, Ogunleye, "
        "Adebayo, Okeke, Onyekachi, Achebe, Ogundipe",
    ),
    "east_west_african": (
        "Kwame, Ama, Kofi, Akosua, Yaw, Wanjiru, Njeri, Achieng, Tesfaye, Selam, Abebe, Hiwot",
        "Mensah, Owusu, Asante, Boateng, Osei, Mwangi, Kariuki, Ochieng, Kiptoo, Tadesse, Bekele, "
        "Haile, Girma",
    ),
    "north_indian": (
        "Aarav, Priya, Rohan, Ananya, Vikram, Neha, Arjun, Kavya, Rahul, Isha, Sanjay, Pooja, "
        "Amit, Shreya, Aditya, Nikhil, Riya",
        "Sharma, Gupta, Patel, Singh, Mehta, Agarwal, Kapoor, Verma, Joshi, Malhotra, Chopra, "
        "Bansal, Saxena, Desai, Jain, Srivastava, Bhatt",
    ),
    "south_indian": (
        "Karthik, Lakshmi, Arun, Divya, Srinivas, Meenakshi, Ravi, Deepa, Venkat, Anjali, Suresh, "
        "Harini, Naveen",
        "Iyer, Krishnan, Reddy, Nair, Menon, Raghavan, Subramanian, Pillai, Rao, Natarajan, "
        "Balasubramanian, Venkatesan, Kumar",
    ),
    "chinese": (
        "Wei, Xiaoming, Mei, Jun, Yan, Hao, Jing, Lei, Ying, Zhiwei, Xin, Yifan, Ruoxi, Tao, "
        "Qing, Bo, Yuxuan",
        "Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Lin, Guo, Ma, Zhu, He",
    ),
    "japanese": (
        "Haruto, Yui, Kenji, Sakura, Takumi, Aoi, Hiroshi, Yuki, Ren, Emi, Daiki, Naoko, Shota, "
        "Mio",
        "Sato, Suzuki, Takahashi, Tanaka, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, Kato, "
        "Yoshida, Yamada, Sasaki, Inoue",
    ),
    "korean": (
        "Min-jun, Seo-yeon, Ji-ho, Ji-woo, Hyun-woo, Ha-eun, Dong-hyun, Yuna, Sung-min, Eun-ji, "
        "Jae-won, Soo-jin",
        "Kim, Park, Choi, Jung, Kang, Cho, Yoon, Jang, Lim, Han, Shin, Seo",
    ),
    "southeast_asian": (
        "Minh, Linh, Thao, Duc, Quang, Huong, Maricel, Rodel, Kristine, Putri, Budi, Siti, Dewi, "
        "Rizky",
        "Nguyen, Tran, Le, Pham, Hoang, Vu, Dang, Santos, Reyes, Cruz, Bautista, Villanueva, Dela "
        "Cruz, Santoso, Wijaya, Hidayat, Pratama",
    ),
    "arabic": (
        "Omar, Layla, Youssef, Fatima, Khalid, Nour, Ahmed, Mariam, Karim, Salma, Tariq, Rania, "
        "Hana, Ziad",
        "Haddad, Khoury, Al-Farsi, Mansour, Nasser, Saleh, Hassan, Aziz, Darwish, Barakat, "
        "El-Amin, Hamdan, Qasim, Jaber",
    ),
    "persian_turkish": (
        "Arash, Shirin, Reza, Leila, Dariush, Parisa, Emre, Elif, Mehmet, Zeynep, Burak, Ayşe",
        "Tehrani, Hosseini, Karimi, Rahimi, Moradi, Farahani, Yılmaz, Demir, Şahin, Çelik, Aydın, "
        "Öztürk",
    ),
    "south_asian_muslim": (
        "Ayesha, Bilal, Hamza, Sana, Fahad, Nusrat, Tanvir, Farhan, Zainab",
        "Khan, Qureshi, Siddiqui, Chaudhry, Hussain, Rahman, Chowdhury, Sheikh, Baig",
    ),
    "hispanic": (
        "Alejandro, Sofía, Diego, Valentina, Mateo, Camila, Javier, Lucía, Carlos, Isabel, "
        "Andrés, Gabriela, Luis, Ximena, Paola, Sebastián, Renata, Emilio",
        "García, Rodríguez, Martínez, Hernández, López, González, Pérez, Sánchez, Ramírez, "
        "Torres, Flores, Rivera, Morales, Castillo, Ortega, Vargas, Mendoza, Rojas, Guerrero",
    ),
    "brazilian": (
        "João, Ana, Thiago, Beatriz, Rafael, Larissa, Gustavo, Mariana, Felipe, Juliana",
        "Silva, Souza, Oliveira, Costa, Pereira, Almeida, Carvalho, Ferreira, Ribeiro, Barbosa",
    ),
    "german": (
        "Lukas, Anna, Jonas, Lena, Felix, Johanna, Maximilian, Katharina, Tobias, Miriam, Jannik, "
        "Niklas, Sophie",
        "Müller, Schneider, Fischer, Weber, Becker, Hoffmann, Wagner, Schulz, Koch, Zimmermann, "
        "Krüger, Richter, Wolf",
    ),
    "french": (
        "Louis, Camille, Hugo, Chloé, Antoine, Manon, Julien, Élodie, Théo, Margaux, Baptiste, "
        "Inès",
        "Martin, Bernard, Dubois, Lefebvre, Moreau, Laurent, Girard, Fontaine, Rousseau, Mercier, "
        "Lambert, Bonnet",
    ),
    "italian": (
        "Marco, Giulia, Alessandro, Chiara, Matteo, Francesca, Luca, Elena",
        "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco",
    ),
    "slavic": (
        "Piotr, Agnieszka, Tomasz, Katarzyna, Dmitri, Olga, Sergei, Natalia, Oleksandr, Iryna, "
        "Jakub, Tereza",
        "Kowalski, Nowak, Wiśniewski, Wójcik, Ivanov, Petrov, Volkov, Sokolov, Kovalenko, "
        "Shevchenko, Novák, Dvořák",
    ),
    "nordic_dutch": (
        "Erik, Ingrid, Lars, Astrid, Mikkel, Freya, Sven, Sanne, Daan, Femke, Jens, Aino",
        "Andersson, Johansson, Nielsen, Hansen, Larsen, Lindqvist, Berg, de Vries, Jansen, van "
        "Dijk, Bakker, Visser, Virtanen",
    ),
    "anglo": (
        "James, Emily, Michael, Sarah, David, Jessica, Christopher, Hannah, Matthew, Olivia, "
        "Ryan, Megan, Liam, Siobhan, Connor, Grace, Jamal, Aaliyah, DeShawn, Imani, Malik, "
        "Keisha, Benjamin, Charlotte, Nathan, Abigail, Samuel",
        "Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Anderson, Taylor, Thomas, "
        "Moore, Walker, O'Brien, Murphy, Kelly, Campbell, Washington, Jackson, Robinson, Harris, "
        "Coleman, White, Clark, Lewis, Young, Hughes",
    ),
    "greek": (
        "Nikos, Eleni, Giorgos, Dimitris, Katerina, Yannis",
        "Papadopoulos, Georgiou, Nikolaidis, Konstantinou, Pappas, Alexiou",
    ),
    "thai": (
        "Somchai, Ploy, Nattapong, Kanya, Arthit, Pimchanok",
        "Srisuk, Chaiyaporn, Wongsawat, Rattanakorn, Boonmee, Saetang",
    ),
    "central_european": (
        "Bence, Réka, Andrei, Ioana, Mihai, Dóra",
        "Nagy, Horváth, Kovács, Popescu, Ionescu, Dumitru",
    ),
    "sri_lankan_nepali": (
        "Nimal, Dilani, Sanjeewa, Aashish, Sujata, Bikash",
        "Perera, Fernando, Jayasinghe, Shrestha, Gurung, Adhikari",
    ),
    "southern_african": (
        "Thabo, Lerato, Sipho, Naledi",
        "Ndlovu, Dlamini, Nkosi, Mokoena",
    ),
    "israeli": (
        "Noa, Yonatan, Tamar, Avi, Shira, Eitan",
        "Cohen, Levi, Mizrahi, Friedman, Ben-David, Peretz",
    ),
}

# Letters that NFKD does not reduce to ASCII, for e-mail addresses and handles.
ASCII_FOLD = {"ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "đ": "d", "ı": "i", "œ": "oe"}

E_MAIL_DOMAINS = ("example.com", "example.org", "example.net")

# (city, state or region, country, dialling prefix); US and Canadian prefixes are area codes.
CITIES = (
    ("San Francisco", "CA", "US", "415"),
    ("New York", "NY", "US", "212"),
    ("Seattle", "WA", "US", "206"),
    ("Bengaluru", "Karnataka", "India", "+91 80"),
    ("London", "", "United Kingdom", "+44 20"),
    ("Austin", "TX", "US", "512"),
    ("San Jose", "CA", "US", "408"),
    ("Toronto", "ON", "Canada", "416"),
    ("Boston", "MA", "US", "617"),
    ("Mountain View", "CA", "US", "650"),
    ("Berlin", "", "Germany", "+49 30"),
    ("Hyderabad", "Telangana", "India", "+91 40"),
    ("Sunnyvale", "CA", "US", "408"),
    ("Chicago", "IL", "US", "312"),
    ("Los Angeles", "CA", "US", "213"),
    ("Bellevue", "WA", "US", "425"),
    ("Singapore", "", "Singapore", "+65"),
    ("Denver", "CO", "US", "303"),
    ("Palo Alto", "CA", "US", "650"),
    ("Amsterdam", "", "Netherlands", "+31 20"),
    ("Atlanta", "GA", "US", "404"),
    ("Pune", "Maharashtra", "India", "+91 20"),
    ("Dublin", "", "Ireland", "+353 1"),
    ("Redmond", "WA", "US", "425"),
    ("Vancouver", "BC", "Canada", "604"),
    ("Paris", "", "France", "+33 1"),
    ("Washington", "DC", "US", "202"),
    ("Dallas", "TX", "US", "214"),
    ("San Diego", "CA", "US", "619"),
    ("Cambridge", "MA", "US", "617"),
    ("Tel Aviv", "", "Israel", "+972 3"),
    ("Sydney", "NSW", "Australia", "+61 2"),
    ("Munich", "", "Germany", "+49 89"),
    ("Chennai", "Tamil Nadu", "India", "+91 44"),
    ("Zürich", "", "Switzerland", "+41 44"),
    ("Pittsburgh", "PA", "US", "412"),
    ("Raleigh", "NC", "US", "919"),
    ("Portland", "OR", "US", "503"),
    ("Tokyo", "", "Japan", "+81 3"),
    ("Montréal", "QC", "Canada", "514"),
    ("Stockholm", "", "Sweden", "+46 8"),
    ("Gurugram", "Haryana", "India", "+91 124"),
    ("São Paulo", "", "Brazil", "+55 11"),
    ("Seoul", "", "South Korea", "+82 2"),
    ("Waterloo", "ON", "Canada", "519"),
    ("Houston", "TX", "US", "713"),
    ("Philadelphia", "PA", "US", "215"),
    ("Minneapolis", "MN", "US", "612"),
    ("Salt Lake City", "UT", "US", "801"),
    ("Oakland", "CA", "US", "510"),
    ("Irvine", "CA", "US", "949"),
    ("Arlington", "VA", "US", "703"),
    ("Warsaw", "", "Poland", "+48 22"),
    ("Barcelona", "", "Spain", "+34 93"),
    ("Mexico City", "", "Mexico", "+52 55"),
    ("Shanghai", "", "China", "+86 21"),
    ("Taipei", "", "Taiwan", "+886 2"),
    ("Melbourne", "VIC", "Australia", "+61 3"),
    ("Copenhagen", "", "Denmark", "+45"),
    ("Lisbon", "", "Portugal", "+351 21"),
    ("Kraków", "", "Poland", "+48 12"),
    ("Helsinki", "", "Finland", "+358 9"),
    ("Oslo", "", "Norway", "+47"),
    ("Madrid", "", "Spain", "+34 91"),
    ("Milan", "", "Italy", "+39 02"),
    ("Prague", "", "Czech Republic", "+420"),
    ("Ann Arbor", "MI", "US", "734"),
    ("Boulder", "CO", "US", "303"),
    ("Nashville", "TN", "US", "615"),
    ("Columbus", "OH", "US", "614"),
    ("Madison", "WI", "US", "608"),
    ("Phoenix", "AZ", "US", "602"),
    ("Miami", "FL", "US", "305"),
    ("Ottawa", "ON", "Canada", "613"),
    ("Edinburgh", "", "United Kingdom", "+44 131"),
    ("Hamburg", "", "Germany", "+49 40"),
    ("Eindhoven", "", "Netherlands", "+31 40"),
    ("Tallinn", "", "Estonia", "+372"),
    ("Kyiv", "", "Ukraine", "+380 44"),
    ("Ho Chi Minh City", "", "Vietnam", "+84 28"),
    ("Jakarta", "", "Indonesia", "+62 21"),
    ("Manila", "", "Philippines", "+63 2"),
    ("Dubai", "", "United Arab Emirates", "+971 4"),
    ("Buenos Aires", "", "Argentina", "+54 11"),
    ("Bogotá", "", "Colombia", "+57 1"),
    ("Lagos", "", "Nigeria", "+234 1"),
    ("Nairobi", "", "Kenya", "+254 20"),
    ("Cape Town", "", "South Africa", "+27 21"),
    ("Auckland", "", "New Zealand", "+64 9"),
)

# Employers, most frequent first; "Name|Alias|..." lists other spellings seen on resumes.
EMPLOYERS = (
    "Google|Google LLC", "Amazon|Amazon.com", "Microsoft|Microsoft Corporation", "Meta|Meta Platforms",
    "Infosys|Infosys Limited", "Tata Consultancy Services|TCS", "Accenture", "Apple", "IBM",
    "NVIDIA|NVIDIA Corporation", "Salesforce", "Oracle", "Cognizant", "Wipro|Wipro Technologies",
    "Netflix", "Uber", "Adobe", "Intel|Intel Corporation", "Cisco|Cisco Systems", "Capgemini",
    "Stripe", "Spotify", "LinkedIn", "Airbnb", "Deloitte", "JPMorgan Chase|JPMorgan Chase & Co.",
    "Walmart Global Tech", "Capital One", "Qualcomm", "Databricks", "Snowflake", "Shopify",
    "Atlassian", "PayPal", "SAP", "Brightloop Analytics Inc.", "Booking.com", "Pinterest",
    "DoorDash", "HCLTech", "Bloomberg|Bloomberg L.P.", "Goldman Sachs", "Samsung Electronics",
    "Flipkart", "Kestrel Robotics", "Lyft", "eBay", "Zalando|Zalando SE", "Datadog", "Twilio",
    "Dropbox", "Instacart", "Coinbase", "ThoughtWorks", "EPAM Systems", "Red Hat", "VMware",
    "Expedia Group", "Wayfair", "Etsy", "Cloudflare", "MongoDB", "Northwind Robotics",
    "Grab", "Rakuten", "Mercado Libre", "Nubank", "Adyen", "Klarna", "Revolut", "Monzo Bank",
    "Ocado Technology", "Swiggy", "Zomato", "Paytm", "ByteDance", "Alibaba", "Tencent", "Baidu",
    "Naver", "Mercari", "Palantir|Palantir Technologies", "Reddit", "Duolingo", "Yelp", "Roblox",
    "Electronic Arts", "Tesla", "Waymo", "Zillow", "Robinhood", "Block", "Two Sigma",
    "Morgan Stanley", "Elastic", "Confluent", "HashiCorp", "GitHub", "GitLab", "AMD",
    "Helixion AI", "Corvid Labs", "Quillmark", "Lumenfield Health", "Tessellate Labs",
    "Silverpine Software", "Marigold Health Technologies", "Ironbark Security", "Tidewell Energy",
    "Bluefin Payments", "Copperleaf Logistics", "Nimbus Forge", "Aurelia Biosciences",
    "Halcyon Maps", "Juniper Lane Retail", "Redwood Signal", "Starling Mobility",
    "Verdant Agritech", "Pelican Insurance Group", "Lattice Peak Capital", "Obsidian Games",
    "Fernhill Media", "Granite Ridge Bank", "Solstice Learning", "Cobalt Harbor Systems",
    "Windrose Travel", "Meridian Telematics", "Amberly Foods Co.", "Skylark Drones",
    "Foxglove Genomics", "Riverstone Credit Union", "Tundra Data Works", "Open Meadow Labs",
    "Quartzline Semiconductor", "Arbor Ledger", "Bayou Grid Analytics", "Harbourline Loyalty",
    "Orbital Freight Inc.", "Cascade Freight Systems", "Lone Star Telemetry", "Pennine Retail Group",
    "Veldhoven Data Labs", "Brightwave Energy", "Saltmarsh Studios", "Keystone Clinical Data",
    "Ember Lane Commerce", "Driftwood Payments", "Highline Transit Labs", "Inkwell Legal Tech",
    "Moonrise Fitness", "Palisade Cyber", "Sable Point Robotics", "Thistle Bio",
)

# (institution, city, degree style); the style picks "B.Tech." or "BSc (Hons)" style names.
UNIVERSITIES = (
    ("Stanford University", "Stanford, CA", "us"),
    ("Carnegie Mellon University", "Pittsburgh, PA", "us"),
    ("Massachusetts Institute of Technology", "Cambridge, MA", "us"),
    ("University of California, Berkeley", "Berkeley, CA", "us"),
    ("University of Washington", "Seattle, WA", "us"),
    ("Georgia Institute of Technology", "Atlanta, GA", "us"),
    ("Indian Institute of Technology Bombay", "Mumbai, India", "in"),
    ("University of Illinois Urbana-Champaign", "Urbana, IL", "us"),
    ("University of Waterloo", "Waterloo, ON", "ca"),
    ("University of Texas at Austin", "Austin, TX", "us"),
    ("University of Michigan", "Ann Arbor, MI", "us"),
    ("Tsinghua University", "Beijing, China", "cn"),
    ("Cornell University", "Ithaca, NY", "us"),
    ("University of Toronto", "Toronto, ON", "ca"),
    ("Indian Institute of Technology Delhi", "New Delhi, India", "in"),
    ("University of California, San Diego", "San Diego, CA", "us"),
    ("Columbia University", "New York, NY", "us"),
    ("University of Cambridge", "Cambridge, United Kingdom", "uk"),
    ("ETH Zurich", "Zürich, Switzerland", "eu"),
    ("Purdue University", "West Lafayette, IN", "us"),
    ("BITS Pilani", "Pilani, India", "in"),
    ("National University of Singapore", "Singapore", "sg"),
    ("University of California, Los Angeles", "Los Angeles, CA", "us"),
    ("Technical University of Munich", "Munich, Germany", "eu"),
    ("Imperial College London", "London, United Kingdom", "uk"),
    ("New York University", "New York, NY", "us"),
    ("Indian Institute of Technology Madras", "Chennai, India", "in"),
    ("Peking University", "Beijing, China", "cn"),
    ("University of Oxford", "Oxford, United Kingdom", "uk"),
    ("Seoul National University", "Seoul, South Korea", "kr"),
    ("University of Tokyo", "Tokyo, Japan", "jp"),
    ("University of Southern California", "Los Angeles, CA", "us"),
    ("Northeastern University", "Boston, MA", "us"),
    ("University of Wisconsin-Madison", "Madison, WI", "us"),
    ("McGill University", "Montréal, QC", "ca"),
    ("University of British Columbia", "Vancouver, BC", "ca"),
    ("Anna University", "Chennai, India", "in"),
    ("National Institute of Technology Tiruchirappalli", "Tiruchirappalli, India", "in"),
    ("Vellore Institute of Technology", "Vellore, India", "in"),
    ("Zhejiang University", "Hangzhou, China", "cn"),
    ("Shanghai Jiao Tong University", "Shanghai, China", "cn"),
    ("National Taiwan University", "Taipei, Taiwan", "tw"),
    ("KAIST", "Daejeon, South Korea", "kr"),
    ("Kyoto University", "Kyoto, Japan", "jp"),
    ("Nanyang Technological University", "Singapore", "sg"),
    ("University College London", "London, United Kingdom", "uk"),
    ("University of Edinburgh", "Edinburgh, United Kingdom", "uk"),
    ("EPFL", "Lausanne, Switzerland", "eu"),
    ("RWTH Aachen University", "Aachen, Germany", "eu"),
    ("Karlsruhe Institute of Technology", "Karlsruhe, Germany", "eu"),
    ("Delft University of Technology", "Delft, Netherlands", "eu"),
    ("University of Amsterdam", "Amsterdam, Netherlands", "eu"),
    ("KTH Royal Institute of Technology", "Stockholm, Sweden", "eu"),
    ("Aalto University", "Espoo, Finland", "eu"),
    ("Politecnico di Milano", "Milan, Italy", "eu"),
    ("Universidad Politécnica de Madrid", "Madrid, Spain", "eu"),
    ("University of Warsaw", "Warsaw, Poland", "eu"),
    ("Czech Technical University in Prague", "Prague, Czech Republic", "eu"),
    ("Technion - Israel Institute of Technology", "Haifa, Israel", "il"),
    ("Tel Aviv University", "Tel Aviv, Israel", "il"),
    ("University of São Paulo", "São Paulo, Brazil", "br"),
    ("Tecnológico de Monterrey", "Monterrey, Mexico", "mx"),
    ("Universidad de Buenos Aires", "Buenos Aires, Argentina", "ar"),
    ("Universidad de los Andes", "Bogotá, Colombia", "co"),
    ("University of Lagos", "Lagos, Nigeria", "ng"),
    ("University of Nairobi", "Nairobi, Kenya", "ke"),
    ("University of Cape Town", "Cape Town, South Africa", "za"),
    ("Cairo University", "Cairo, Egypt", "eg"),
    ("American University of Beirut", "Beirut, Lebanon", "lb"),
    ("University of Sydney", "Sydney, NSW", "au"),
    ("University of Melbourne", "Melbourne, VIC", "au"),
    ("University of New South Wales", "Sydney, NSW", "au"),
    ("University of Auckland", "Auckland, New Zealand", "au"),
    ("University of Maryland, College Park", "College Park, MD", "us"),
    ("Arizona State University", "Tempe, AZ", "us"),
    ("San Jose State University", "San Jose, CA", "us"),
    ("Boston University", "Boston, MA", "us"),
    ("University of Minnesota", "Minneapolis, MN", "us"),
    ("Ohio State University", "Columbus, OH", "us"),
    ("Rice University", "Houston, TX", "us"),
    ("Princeton University", "Princeton, NJ", "us"),
    ("Oregon State University", "Corvallis, OR", "us"),
    ("Eastmoor Institute of Technology", "Raleigh, NC", "us"),
    ("Harrowgate University", "Leeds, United Kingdom", "uk"),
)

# Degree names by level (bachelor, master, doctorate) and by the style of the institution.
DEGREES = {
    "us": (("B.S.", "Bachelor of Science", "B.A.", "BS"), ("M.S.", "Master of Science", "MS", "M.Eng."),
           ("Ph.D.", "PhD")),
    "in": (("B.Tech.", "B.E.", "Bachelor of Technology", "B.Sc."), ("M.Tech.", "M.S.", "M.E.", "MCA"),
           ("Ph.D.", "PhD")),
    "uk": (("BSc", "BSc (Hons)", "BEng", "MEng"), ("MSc", "MRes", "MPhil"), ("PhD", "DPhil")),
}
DEGREE_DEFAULT = (("B.Sc.", "BSc", "Bachelor of Engineering", "B.Eng."), ("M.Sc.", "MSc", "M.Eng."),
                  ("Ph.D.", "PhD"))
# How a job-board export spells each level.
DEGREE_PLAIN = ("Bachelor's degree", "Master's degree", "Doctoral degree")

FIELDS = (
    "Computer Science", "Computer Science", "Computer Science", "Electrical Engineering",
    "Computer Engineering", "Mathematics", "Statistics", "Information Technology", "Physics",
    "Data Science", "Software Engineering", "Electronics and Communication Engineering",
    "Applied Mathematics", "Information Systems", "Operations Research", "Economics",
    "Computational Linguistics", "Mechanical Engineering", "Cognitive Science",
)

# Career tracks: (key, share of resumes, title bases). Skills are tagged with the track keys.
TRACKS = (
    ("be", 20, ("Software Engineer", "Backend Engineer", "Software Developer",
                "Software Engineer, Backend")),
    ("ml", 15, ("Machine Learning Engineer", "ML Engineer", "Applied Scientist",
                "Software Engineer, Machine Learning")),
    ("data", 13, ("Data Engineer", "Data Platform Engineer", "Analytics Engineer", "Big Data Engineer")),
    ("ds", 10, ("Data Scientist", "Data Analyst", "Quantitative Analyst", "Decision Scientist")),
    ("infra", 10, ("Site Reliability Engineer", "DevOps Engineer", "Platform Engineer",
                   "Infrastructure Engineer", "Cloud Engineer")),
    ("fe", 9, ("Frontend Engineer", "Frontend Developer", "Full Stack Engineer", "UI Engineer",
               "Web Developer")),
    ("mlsys", 6, ("ML Infrastructure Engineer", "ML Systems Engineer", "Research Engineer",
                  "Software Engineer, LLM Inference", "GPU Performance Engineer")),
    ("nlp", 5, ("NLP Engineer", "NLP Scientist", "Research Scientist, NLP",
                "Machine Learning Engineer, NLP")),
    ("cv", 4, ("Computer Vision Engineer", "Perception Engineer",
               "Research Scientist, Computer Vision")),
    ("mobile", 4, ("iOS Engineer", "Android Engineer", "Mobile Engineer", "Mobile Developer")),
    ("speech", 2, ("Speech Scientist", "Speech Recognition Engineer", "Research Scientist, Speech")),
    ("sec", 2, ("Security Engineer", "Application Security Engineer", "Detection Engineer")),
)

# What an intern of each track is called ("Machine Learning Intern").
INTERN_AREAS = {
    "be": "Software Engineering", "ml": "Machine Learning", "data": "Data Engineering",
    "ds": "Data Science", "infra": "Infrastructure Engineering", "fe": "Frontend Engineering",
    "mlsys": "ML Systems", "nlp": "NLP Research", "cv": "Computer Vision",
    "mobile": "Mobile Engineering", "speech": "Speech Research", "sec": "Security Engineering",
}
# What a posting asks years of ("8+ years of experience in software engineering").
AREAS = {
    "be": "software engineering", "ml": "building machine learning systems in production",
    "data": "data engineering", "ds": "applied statistics or data science",
    "infra": "infrastructure or site reliability engineering", "fe": "frontend development",
    "mlsys": "large-scale ML infrastructure", "nlp": "natural language processing",
    "cv": "computer vision", "mobile": "mobile app development", "speech": "speech and audio modeling",
    "sec": "security engineering",
}

# Seniority prefixes by level 1..5; level 0 is an internship.
SENIORITY = ((), ("Junior", "Associate"), ("",), ("Senior", "Sr."), ("Staff", "Lead"),
             ("Principal",))
MANAGER_TITLES = ("Engineering Manager", "Senior Engineering Manager", "Director of Engineering",
                  "Head of Engineering")

# What a person of a track works on, for bullets and postings.
THINGS = {
    "be": ("payments API", "checkout service", "notification service", "search backend",
           "identity service", "order-management system", "webhook delivery service",
           "inventory service", "pricing service", "messaging platform"),
    "ml": ("home-feed ranking model", "fraud-detection model", "ads click-through prediction model",
           "search ranking stack", "recommendation service", "churn model",
           "candidate-generation pipeline", "dynamic pricing model", "feature pipeline",
           "personalization service"),
    "data": ("order-events pipeline", "data warehouse", "clickstream ingestion", "CDC pipeline",
             "reporting layer", "data lake", "billing data platform", "telemetry pipeline",
             "customer 360 dataset", "nightly batch jobs"),
    "ds": ("pricing experiments", "demand forecast", "customer lifetime value model",
           "marketing attribution model", "retention dashboard", "credit-risk scorecard",
           "experimentation platform", "KPI reporting", "growth analyses", "survey analysis pipeline"),
    "infra": ("Kubernetes platform", "CI pipeline", "observability stack", "multi-region deployment",
              "service mesh", "internal developer platform", "on-call process", "build system",
              "secrets management service", "edge network"),
    "fe": ("checkout flow", "merchant dashboard", "design system", "onboarding flow", "admin console",
           "marketing site", "analytics dashboard", "document editor", "settings pages",
           "component library"),
    "mlsys": ("LLM serving stack", "training platform", "inference engine", "GPU cluster scheduler",
              "distributed training launcher", "attention kernels", "checkpointing system",
              "evaluation harness", "model compiler pipeline", "batch inference service"),
    "nlp": ("question-answering service", "document classification pipeline",
            "entity-extraction model", "support assistant", "search relevance model", "chatbot",
            "translation pipeline", "summarization service", "content moderation model",
            "semantic search index"),
    "cv": ("object detector", "segmentation model", "visual search service", "OCR pipeline",
           "perception stack", "image-tagging model", "video analytics pipeline", "tracking module",
           "defect-inspection model", "labeling pipeline"),
    "mobile": ("iOS app", "Android app", "offline sync layer", "push notification service",
               "in-app payments flow", "app startup path", "mobile design system",
               "crash reporting pipeline", "release pipeline", "camera feature"),
    "speech": ("speech recognizer", "voice assistant", "transcription pipeline", "wake-word detector",
               "voice synthesis service", "diarization service", "acoustic model",
               "captioning pipeline", "call analytics system", "on-device recognizer"),
    "sec": ("threat detection pipeline", "vulnerability management program",
            "secrets scanning service", "detection rules", "identity and access platform",
            "incident response runbooks", "bug bounty program", "WAF rules", "audit logging service",
            "network access layer"),
}

TEAMS = {
    "be": ("Payments", "Core Platform", "Checkout", "Identity", "Messaging", "Marketplace"),
    "ml": ("Search & Recommendations", "Ranking", "Ads Quality", "Personalization", "Trust & Safety"),
    "data": ("Data Platform", "Analytics Engineering", "Data Infrastructure", "Grid Analytics"),
    "ds": ("Growth Analytics", "Experimentation", "Pricing", "Marketing Science", "Risk"),
    "infra": ("Infrastructure", "Developer Productivity", "Reliability", "Cloud Platform"),
    "fe": ("Web Platform", "Merchant Experience", "Design Systems", "Growth"),
    "mlsys": ("Inference Systems", "ML Platform", "Training Infrastructure", "Accelerators"),
    "nlp": ("Language Understanding", "Applied AI", "Conversational AI", "Search Quality"),
    "cv": ("Perception", "Visual Search", "Camera Intelligence", "Autonomy"),
    "mobile": ("Mobile Platform", "Consumer Apps", "iOS", "Android"),
    "speech": ("Speech", "Voice Platform", "Audio AI"),
    "sec": ("Security Engineering", "Detection & Response", "Product Security"),
}

# Skills and technologies, most common first: "label | group | tracks", where "mobile!" marks a
# core skill of the track, "mobile" a usual one and "*" one that any track may list.
# Groups: L language, W framework, M ML tool, A analytics tool, D data tool, B database or search
# engine, C cloud platform, O devops/ops tool, H hardware/performance, T topic (an ability rather
# than a tool), S way of working (mentoring, agile).
SKILLS = """
Python | L | * ml ds data mlsys nlp cv speech
SQL | L | * data ds be
Git | O | *
Docker | O | *
AWS | C | *
Java | L | data mobile be!
machine learning | T | ds mlsys nlp cv speech ml!
Linux | C | *
Kubernetes | C | be mlsys data sec infra!
JavaScript | L | be fe!
PostgreSQL | B | data be!
TypeScript | L | be fe!
React | W | fe!
Go | L | infra sec be!
C++ | L | mlsys cv be speech
Spark | D | ds ml data!
Kafka | D | be data!
Terraform | O | sec infra!
Redis | B | be
GCP | C | *
Azure | C | *
PyTorch | M | nlp cv speech ds ml! mlsys!
TensorFlow | M | cv speech ds ml!
pandas | A | data ml ds!
scikit-learn | M | ml! ds!
Airflow | D | ml data!
deep learning | T | ml nlp cv speech
CI/CD | T | be infra!
NumPy | M | ds ml
MySQL | B | be
Jenkins | O | infra be
microservices | T | be!
Node.js | W | be fe
Elasticsearch | B | be data sec
data analysis | T | ds!
GitHub Actions | O | infra be sec
MongoDB | B | be
Scala | L | data
Snowflake | B | data
NLP | T | ml nlp!
computer vision | T | ml cv!
C | L | sec mlsys
Bash | L | infra sec
Amazon S3 | C | data
BigQuery | B | data ds
dbt | D | data!
Prometheus | O | infra!
Grafana | O | infra
Helm | O | infra
Flink | D | data
Rust | L | be sec infra
Kotlin | L | be mobile!
Swift | L | mobile!
GraphQL | W | fe be mobile
Django | W | be
Flask | W | be ml
FastAPI | W | be ml
Spring Boot | W | be
HTML | L | fe!
CSS | L | fe!
Next.js | W | fe
recommender systems | T | ml ds
ranking | T | ml
A/B testing | T | ml fe mobile ds!
statistics | T | ds!
data modeling | T | data
ETL | T | data!
distributed systems | T | be infra mlsys
system design | T | be
large language models | T | ml mlsys nlp!
Hugging Face Transformers | M | ml nlp!
CUDA | H | cv mlsys!
Triton | H | mlsys
JAX | M | mlsys ml nlp
distributed training | T | ml mlsys!
model serving | T | ml mlsys!
MLOps | T | ml mlsys
Vue.js | W | fe
Angular | W | fe
Redux | W | fe
Jest | W | fe
TPU | H | mlsys
MLflow | M | ml
Ray | M | mlsys ml
XGBoost | M | ds ml
R | L | ds
Tableau | A | ds
Databricks | D | data ds
feature engineering | T | ds ml
time series forecasting | T | ds
Keras | M | ml cv
quantization | T | mlsys cv
speech recognition | T | speech!
object detection | T | cv!
Amazon SageMaker | M | ml
DeepSpeed | M | mlsys
FSDP | M | mlsys
vLLM | M | mlsys nlp
TensorRT | M | mlsys cv
ONNX | M | mlsys cv
flash attention | T | mlsys
speculative decoding | T | mlsys
continuous batching | T | mlsys
Kubeflow | M | ml mlsys
learning to rank | T | ml
information retrieval | T | nlp ml
retrieval-augmented generation | T | nlp
vector search | T | nlp ml
FAISS | M | nlp ml
LightGBM | M | ds ml
Power BI | A | ds
Looker | A | ds data
Jupyter | A | ds
Matplotlib | A | ds
causal inference | T | ds
Bayesian statistics | T | ds
OpenCV | M | cv!
image segmentation | T | cv
Hive | D | data
Hadoop | D | data
Trino | D | data
Delta Lake | D | data
Apache Iceberg | D | data
Kafka Streams | D | data
RabbitMQ | D | be
Cassandra | B | be data
DynamoDB | B | be
Redshift | B | data
gRPC | W | be
Protocol Buffers | W | be
Ansible | O | infra
Argo CD | O | infra
Istio | O | infra
Envoy | O | infra
Nginx | O | infra be
OpenTelemetry | O | infra
site reliability engineering | T | infra
observability | T | infra
incident management | T | infra sec
infrastructure as code | T | infra
Amazon EKS | C | infra
Amazon EC2 | C | infra be
AWS Lambda | C | be
Google Kubernetes Engine | C | infra
C# | L | be
.NET | W | be
Ruby | L | be
Ruby on Rails | W | be
PHP | L | be
Laravel | W | be
React Native | W | mobile fe
Flutter | W | mobile
Dart | L | mobile
SwiftUI | W | mobile
Jetpack Compose | W | mobile
Android | W | mobile!
iOS | W | mobile!
Objective-C | L | mobile
Firebase | C | mobile fe
Tailwind CSS | W | fe
Webpack | W | fe
Vite | W | fe
Storybook | W | fe
Playwright | W | fe
Cypress | W | fe
Svelte | W | fe
jQuery | W | fe
Sass | W | fe
web accessibility | T | fe
design systems | T | fe mobile
mixed-precision training | T | mlsys
knowledge distillation | T | mlsys nlp
KV cache | T | mlsys
NCCL | H | mlsys
Megatron-LM | M | mlsys
ONNX Runtime | M | mlsys
Triton Inference Server | M | mlsys
Slurm | C | mlsys
KServe | M | mlsys
XLA | M | mlsys
tensor parallelism | T | mlsys
pipeline parallelism | T | mlsys
mixture of experts | T | mlsys nlp
GPU programming | T | mlsys
cuDNN | H | mlsys
NVIDIA Nsight | H | mlsys
TensorRT-LLM | M | mlsys
FP8 | H | mlsys
INT8 quantization | T | mlsys
H100 | H | mlsys
A100 | H | mlsys
PagedAttention | T | mlsys
GPTQ | T | mlsys
AWQ | T | mlsys
LoRA | M | nlp mlsys
RLHF | T | nlp mlsys
fine-tuning | T | nlp ml
prompt engineering | T | nlp
transformers | T | nlp ml
BERT | M | nlp
spaCy | M | nlp
named entity recognition | T | nlp
text classification | T | nlp
question answering | T | nlp
machine translation | T | nlp
sentiment analysis | T | nlp ds
topic modeling | T | nlp ds
NLTK | M | nlp
LangChain | M | nlp
LlamaIndex | M | nlp
semantic search | T | nlp
SentencePiece | M | nlp
Flax | M | mlsys nlp
text-to-speech | T | speech
speaker diarization | T | speech
Kaldi | M | speech!
ESPnet | M | speech
Whisper | M | speech
NVIDIA NeMo | M | speech
librosa | M | speech
audio signal processing | T | speech!
keyword spotting | T | speech
acoustic modeling | T | speech
language modeling | T | nlp speech
image classification | T | cv
pose estimation | T | cv
3D reconstruction | T | cv
visual SLAM | T | cv
point cloud processing | T | cv
multi-object tracking | T | cv
OCR | T | cv
video understanding | T | cv
Open3D | M | cv
ROS | M | cv
sensor fusion | T | cv
Detectron2 | M | cv
vision transformers | T | cv
diffusion models | T | cv ml
TensorFlow Lite | M | mobile cv speech
Core ML | M | mobile
hypothesis testing | T | ds
regression analysis | T | ds
online experimentation | T | ds
data visualization | T | ds
statsmodels | M | ds
SciPy | M | ds
Plotly | A | ds
Seaborn | A | ds
Polars | D | ds data
Dask | D | ds data
PySpark | D | data ds
PyMC | M | ds
Prophet | M | ds
customer segmentation | T | ds
uplift modeling | T | ds
anomaly detection | T | ds ml sec
fraud detection | T | ds ml
reinforcement learning | T | ml
graph neural networks | T | ml
self-supervised learning | T | ml cv speech
contrastive learning | T | ml cv
hyperparameter tuning | T | ml
Optuna | M | ml
Weights & Biases | M | ml mlsys
TensorBoard | M | ml
experiment tracking | T | ml
feature stores | T | ml data
Feast | M | ml
model monitoring | T | ml
model compression | T | mlsys cv
generative AI | T | nlp ml cv
embeddings | T | ml nlp
two-tower models | T | ml
stream processing | T | data
change data capture | T | data
data quality | T | data
data warehousing | T | data
data governance | T | data
batch processing | T | data
Luigi | D | data
Dagster | D | data
Prefect | D | data
Great Expectations | D | data
Fivetran | D | data
Airbyte | D | data
Amazon Kinesis | D | data
Google Pub/Sub | D | data
Google Dataflow | D | data
Apache Beam | D | data
Parquet | D | data
Avro | D | data
Kafka Connect | D | data
Apache Hudi | D | data
AWS Glue | D | data
Amazon Athena | D | data
Amazon EMR | D | data
Dataproc | D | data
Azure Data Factory | D | data
Informatica | D | data
Excel | A | ds
ClickHouse | B | data
DuckDB | B | data
SQLite | B | mobile
Oracle Database | B | be
SQL Server | B | be
Neo4j | B | data
Pinecone | B | nlp
Milvus | B | nlp
HBase | B | data
CockroachDB | B | be
Cloud Spanner | B | be
Bigtable | B | be
ScyllaDB | B | be
Memcached | B | be
API design | T | be mobile
event-driven architecture | T | be
event sourcing | T | be
performance tuning | T | be mobile
caching | T | be
concurrency | T | be
test-driven development | T | be fe mobile
Spring | W | be
Hibernate | W | be
Tokio | W | be
Celery | W | be
Express.js | W | be
OpenAPI | W | be
WebSockets | W | fe be
OAuth | W | sec be
JUnit | W | be
pytest | W | be ml
Selenium | W | fe
Maven | O | be
Gradle | O | be mobile
Bazel | O | infra be
CMake | O | mlsys
etcd | O | infra
Consul | O | infra
HashiCorp Vault | O | sec infra
ZooKeeper | D | data
NATS | D | be
Temporal | D | be
Amazon SQS | C | be
AWS Step Functions | C | be
Amazon API Gateway | C | be
Amazon ECS | C | infra
AWS CloudFormation | O | infra
Azure Kubernetes Service | C | infra
OpenShift | C | infra
Nomad | C | infra
Chef | O | infra
Pulumi | O | infra
Jaeger | O | infra
Nagios | O | infra
Spinnaker | O | infra
GitLab CI | O | infra
CircleCI | O | infra
Argo Workflows | O | infra ml
Cilium | O | infra
service mesh | T | infra
GitOps | T | infra
capacity planning | T | infra
chaos engineering | T | infra
networking | T | infra sec
load balancing | T | infra
Logstash | O | infra sec
Kibana | O | infra sec
Fluentd | O | infra
Splunk | O | sec infra
PagerDuty | O | infra
PowerShell | L | infra
Perl | L | infra
penetration testing | T | sec!
threat modeling | T | sec!
application security | T | sec!
incident response | T | infra sec!
vulnerability management | T | sec
cryptography | T | sec
zero trust | T | sec
fuzzing | T | sec
reverse engineering | T | sec
eBPF | O | sec infra
Burp Suite | O | sec
Wireshark | O | sec
SIEM | O | sec
Snort | O | sec
Elixir | L | be
Haskell | L | be
Clojure | L | be data
Julia | L | ds
MATLAB | L | ds speech
Lua | L | be
Erlang | L | be
Verilog | L | mlsys
FPGA | H | mlsys
ARM | H | mlsys cv
NVIDIA Jetson | H | cv
OpenMP | H | mlsys
MPI | H | mlsys
SIMD | H | mlsys
LLVM | H | mlsys
MLIR | H | mlsys
Apache TVM | M | mlsys
Pallas | M | mlsys
Optax | M | mlsys
ROCm | H | mlsys
AWS Trainium | H | mlsys
AWS Inferentia | H | mlsys
bfloat16 | H | mlsys
gradient checkpointing | T | mlsys
ZeRO | M | mlsys
llama.cpp | M | mlsys
SGLang | M | mlsys
SmoothQuant | T | mlsys
structured pruning | T | mlsys
RxJava | W | mobile
Kotlin Coroutines | W | mobile
Xcode | W | mobile
Realm | B | mobile
Retrofit | W | mobile
malware analysis | T | sec
threat intelligence | T | sec
digital forensics | T | sec
identity and access management | T | sec
cloud security | T | sec infra
network security | T | sec infra
security auditing | T | sec
mobile development | T | mobile
web performance | T | fe
responsive web design | T | fe
single-page applications | T | fe
progressive web apps | T | fe mobile
speech enhancement | T | speech
speaker recognition | T | speech
speaker verification | T | speech
agile | S | *
Scrum | S | *
Jira | O | *
mentoring | S | *
technical leadership | S | *
project management | S | *
stakeholder management | S | *
engineering management | S | *
engineering hiring | S | *
"""

# Bullet templates. Skill slots: {l1} a language, {t1}.. any tool, {p1} a platform, data tool or
# database, {b1} a database, {k1}.. a topic, {s1} a way of working; the rest are phrases and numbers.
BULLETS = (
    "Built the {thing} with {t1} and {t2}, cutting {metric} by {pct}%.",
    "Designed and shipped the {thing} on {p1}; it now handles {n}M requests a day.",
    "Migrated the {thing} from {legacy} to {p1}, reducing {metric} by {pct}%.",
    "Led the {k1} work for the {thing}, using {t1} and {t2}.",
    "Applied {k1} to the {thing}, improving {kpi} by {small}% in an A/B test over {weeks} weeks.",
    "Wrote {l1} services that power the {thing} for {users}M monthly users.",
    "Introduced {t1} to the {thing}; on-call pages dropped {pct}% quarter over quarter.",
    "Owned {k1} and {k2} for the {thing} end to end.",
    "Automated deployments of the {thing} on {p1} with {t1}.",
    "Mentored {few} engineers on {k1} and {t1}.",
    "Partnered with product and design to launch the {thing}, built on {t1}.",
    "Cut cloud spend for the {thing} by ${money}k per year after moving it to {p1}.",
    "Prototyped a new {k1} approach in {l1} that became the team's production baseline.",
    "Kept the {thing} on {p1} and {t1} healthy; SLA attainment rose from {lo}% to {hi}%.",
    "Added alerting and dashboards to the {thing}, catching {few} incidents before customers noticed.",
    "Rewrote the hot path of the {thing} in {l1}, halving p99 latency.",
    "Scaled the {thing} to {n}k requests per second with {t1} and {t2}.",
    "Drove the adoption of {k1} across {few} teams.",
    "Wrote the {k1} guidelines for the {thing} and ran internal training sessions.",
    "Used {t1}, {t2} and {t3} to rebuild the {thing} in {weeks} weeks.",
    "Improved {kpi} of the {thing} by {small}% through better {k1}.",
    "Set up {p1} pipelines that feed the {thing}, replacing {legacy}.",
    "Cut the run time of the {thing} from {hours} hours to {minutes} minutes using {t1}.",
    "Ran weekly design reviews for the {thing} and owned its roadmap.",
    "Mentored {few} junior engineers; two were promoted within a year.",
    "Took part in the on-call rotation and wrote the runbooks the team still uses.",
    "Combined {k1} with {k2} to make the {thing} {small}x faster.",
    "Integrated {t1} with {t2} so the {thing} could be tested end to end.",
    "Worked on {k1} for the {thing}, with {t1} in production.",
    "Interviewed {n2}+ candidates and helped grow the team from {few} to {n2} engineers.",
    "Took on {s1} for a team of {few} engineers working on the {thing}.",
    "Brought {s1} practices to the team behind the {thing}.",
    "Wrote integration tests in {l1} for the {thing}, raising coverage from {cov_lo}% to {cov_hi}%.",
    "Cut {metric} of the {thing} by {pct}% by moving hot data into {b1}.",
    "Containerized the {thing} and moved it to {p1}.",
    "Documented the {thing} architecture and onboarded {few} new engineers.",
    "Paired {t1} with {t2} to remove a whole class of production incidents in the {thing}.",
    "Shipped {k1} improvements to the {thing} that lifted {kpi} by {small}%.",
    "Replaced {legacy} in the {thing} with {t1} and {t2}.",
    "Tuned {b1} for the {thing}; the slowest query went from {minutes} minutes to {secs} seconds.",
)
# Bullets only a person of one track writes; mixed in with the general ones.
TRACK_BULLETS = {
    "ml": ("Trained {t1} models for the {thing}, raising {kpi} by {small}%.",
           "Built features for the {thing} with {t1} and served them from {p1}.",
           "Ran offline and online evaluation of the {thing}; shipped {few} model launches.",
           "Applied {k1} to the {thing}, cutting false positives by {pct}%."),
    "ds": ("Analyzed {n}M rows of behavioral data in {l1} to size the {thing}.",
           "Built the {thing} in {t1}; the finance team now plans with it.",
           "Designed {few} experiments for the {thing} and presented the results to leadership.",
           "Used {k1} to explain a {small}% drop in {kpi}."),
    "data": ("Wrote {t1} jobs that process {n}B rows a day for the {thing}.",
             "Modeled the {thing} in {p1} with tested, documented tables.",
             "Moved the {thing} from nightly batches to streaming with {t1}; data freshness went "
             "from {hours} hours to {minutes} minutes.",
             "Defined data contracts for the {thing} and added checks with {t1}."),
    "be": ("Designed the {thing} API and its {b1} schema.",
           "Split the {thing} out of a monolith into {few} services written in {l1}.",
           "Added idempotent retries to the {thing} with {p1}, cutting failed requests by {pct}%.",
           "Led a zero-downtime migration of the {thing} to {p1}."),
    "fe": ("Rebuilt the {thing} in {t1} and {l1}; page load went from {s_hi} s to {s_lo} s.",
           "Made the {thing} meet WCAG 2.1 AA with new {t1} components.",
           "Added end-to-end tests for the {thing} with {t1}.",
           "Cut the bundle size of the {thing} by {pct}% with code splitting."),
    "infra": ("Ran the {thing} on {p1} across {few} regions with {t1}.",
              "Wrote {t1} modules that provision the {thing}.",
              "Defined SLOs for the {thing} and cut pages by {pct}%.",
              "Moved the {thing} from VMs to {p1}; deploy time fell by {pct}%."),
    "mlsys": ("Wrote fused kernels for the {thing} with {t1}: {small}x higher throughput.",
              "Scaled the {thing} to {gpus} GPUs with {t1} and {t2}.",
              "Brought {k1} to the {thing} without regressing quality.",
              "Profiled the {thing} with {t1} and removed {few} bottlenecks."),
    "nlp": ("Fine-tuned models with {t1} for the {thing}; {kpi} rose {small}%.",
            "Built evaluation sets and an LLM-as-judge harness for the {thing}.",
            "Applied {k1} in the {thing} with {t1}."),
    "cv": ("Trained detection and segmentation models for the {thing} with {t1}.",
           "Deployed the {thing} on edge devices with {t1}, at {small}x the previous frame rate.",
           "Built the labeling workflow for the {thing}; {n}k images labeled per month."),
    "mobile": ("Built the {thing} in {l1} with {t1}.",
               "Cut cold-start time of the {thing} by {pct}%.",
               "Shipped the {thing} to {users}M users with staged rollouts."),
    "speech": ("Trained {k1} models for the {thing} with {t1}; word error rate fell {small}% relative.",
               "Collected and transcribed {n} hours of speech for the {thing}.",
               "Shipped the {thing} on device with {t1}."),
    "sec": ("Wrote detections for the {thing} in {l1}; mean time to detect fell {pct}%.",
            "Ran design reviews with {few} product teams on the {thing}.",
            "Led {k1} for the {thing} with {t1}."),
}

# Summary paragraphs, with the skill slots of BULLETS; the second names no skill.
SUMMARIES = (
    "{role} with {years}+ years of experience in {k1} and {k2}. {closing}",
    "{role} with {years}+ years of experience shipping systems like the {thing}. {closing}",
    "{role} who has spent {years_text} on systems such as the {thing}, mostly with {t1} and {t2}. "
    "{closing}",
    "{years_text} as {a_role}, most recently on {k1}. Comfortable with {t1}, {t2} and {t3}. "
    "{closing}",
    "I am {a_role} focused on {k1}; over {years_text} I have shipped work like the {thing} at "
    "companies large and small. {closing}",
)
CLOSINGS = (
    "I like small pull requests, clear design docs and quiet pagers.",
    "Happiest when a measurement settles an argument.",
    "Looking for a team that ships often and measures what it ships.",
    "I care about reliability as much as about features.",
    "Comfortable across the stack, from storage to user interface.",
    "Enjoy mentoring and turning prototypes into dependable products.",
    "Known for untangling legacy systems without stopping the business.",
    "Open to relocation and to remote roles.",
    "Strong believer in writing things down.",
    "Equally at home in a design review and in a profiler trace.",
)

# What a track measures: costs it cuts ({metric}) and numbers it lifts ({kpi}).
_PRODUCT = ("conversion", "click-through rate", "retention", "revenue per session", "engagement")
_MODEL = ("precision", "recall", "accuracy", "AUC", "NDCG@10")
_SYSTEM = ("throughput", "availability", "cache hit rate", "cost efficiency")
KPIS = {
    "be": _PRODUCT[:2] + _SYSTEM, "ml": _PRODUCT + _MODEL, "data": _SYSTEM + ("data quality scores",),
    "ds": _PRODUCT + _MODEL[:3], "infra": _SYSTEM, "fe": _PRODUCT,
    "mlsys": _SYSTEM + ("GPU utilization",), "nlp": _MODEL + ("answer quality",), "cv": _MODEL + ("mAP",),
    "mobile": _PRODUCT + ("crash-free sessions",), "speech": _MODEL[:3] + ("speaker accuracy",),
    "sec": ("detection coverage", "patch compliance"),
}
_COSTS = ("p99 latency", "infrastructure cost", "error rates", "deploy time", "manual work")
METRICS = {
    "be": _COSTS + ("query latency",), "ml": _COSTS + ("training time", "inference latency"),
    "data": _COSTS + ("data freshness", "query latency"),
    "ds": ("manual work", "reporting time", "query latency"),
    "infra": _COSTS + ("build times", "incident count"),
    "fe": _COSTS + ("page load time", "bundle size"),
    "mlsys": ("p99 latency", "inference cost", "training time", "GPU memory use", "time to first token"),
    "nlp": _COSTS + ("inference latency",), "cv": _COSTS + ("inference latency",),
    "mobile": ("app startup time", "crash rate", "app size", "p99 latency"),
    "speech": ("inference latency", "real-time factor", "infrastructure cost"),
    "sec": ("mean time to detect", "false positives", "manual work", "open vulnerabilities"),
}
LEGACY = ("a cron-based setup", "an in-house framework", "a legacy monolith", "hand-written scripts",
          "on-prem servers", "a vendor tool")

# Job postings.
MISSIONS = (
    "build the software that helps hospitals schedule their staff",
    "move freight across North America with fewer empty miles",
    "help small businesses get paid faster",
    "make personal finance simple for millions of households",
    "build robots that run warehouses around the clock",
    "turn smart-meter data into a more reliable power grid",
    "help people learn languages in a few minutes a day",
    "connect independent makers with buyers all over the world",
    "train and serve large models for developers and enterprises",
    "help farmers grow more with less water",
    "make travel planning painless",
    "protect millions of accounts from fraud every day",
    "build maps that stay fresh as cities change",
    "bring clinical trial data to researchers in days instead of months",
    "build the games that millions of players come back to every evening",
    "power checkout for thousands of online stores",
    "build tools that help lawyers find what matters in millions of documents",
    "keep public transit running on time",
    "help drones inspect bridges and power lines safely",
    "make home insurance fair and fast",
)
DEGREE_LINES = (
    "Bachelor's degree in Computer Science, a related technical field, or equivalent practical "
    "experience.",
    "Master's degree or PhD in Computer Science or a related field.",
)
# {all}: "A, B and C"; {any}: "A, B or C".
REQUIRED_LINES = (
    "{years}+ years of experience with {all}.", "Experience with {any}.",
    "Hands-on experience with {all} in production.", "Working knowledge of {all}.",
    "Strong skills in {all}.",
)
PREFERRED_LINES = (
    "Experience with {any}.", "Familiarity with {all}.", "{years}+ years of experience with {all}.",
    "Exposure to {all}.",
)
POSTING_CLOSINGS = (
    "{org} is an equal opportunity employer.",
    "{org} is an equal opportunity employer. We welcome applicants of every background.",
    "{org} is proud to be an equal opportunity workplace.",
)
RESPONSIBILITIES = (
    "Design, build and operate the {thing} on {t1} and {t2}.",
    "Own the {thing} end to end, from design docs to production.",
    "Improve the reliability and cost of the {thing} on {p1}.",
    "Work with product and research partners on {k1}.",
    "Lead technical design reviews and mentor engineers across teams.",
    "Set the roadmap for {k1} in the {team} team.",
    "Build internal tooling in {l1} that makes the {thing} easier to change.",
    "Profile and tune the {thing} with clear latency and cost targets.",
)

# Section headings of a grouped skills list, by skill group; a document sticks to one column.
GROUP_HEADINGS = {
    "L": ("Languages", "Programming languages", "Languages"),
    "W": ("Frameworks", "Frameworks & libraries", "Web & mobile"),
    "M": ("Machine learning", "ML & AI", "ML frameworks"),
    "D": ("Data", "Data engineering", "Data & analytics"),
    "B": ("Databases", "Storage", "Data stores"),
    "A": ("Analytics", "Analytics & BI", "Data analysis"),
    "C": ("Cloud", "Cloud & platforms", "Platforms"),
    "O": ("Tools", "DevOps & tooling", "Tooling"),
    "H": ("Hardware & performance", "Accelerators", "Performance"),
    "T": ("Areas", "Expertise", "Practices"),
    "S": ("Leadership", "Ways of working", "Other"),
}

ABOUT_SECOND = (
    "Our {team} team owns the {thing} that the rest of the company builds on.",
    "The {team} team is small, senior and close to customers.",
    "Every week the {team} team ships changes that millions of people notice.",
    "We are growing the {team} team this year and want people who like hard problems.",
)

CERTIFICATIONS = (
    "AWS Certified Solutions Architect - Associate", "Certified Kubernetes Administrator (CKA)",
    "Google Cloud Professional Data Engineer", "Microsoft Certified: Azure Developer Associate",
    "AWS Certified Machine Learning - Specialty", "HashiCorp Certified: Terraform Associate",
    "Databricks Certified Data Engineer Associate", "Offensive Security Certified Professional (OSCP)",
    "Professional Scrum Master I", "TensorFlow Developer Certificate",
)
