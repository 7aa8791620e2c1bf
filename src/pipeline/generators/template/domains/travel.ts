import type { DomainPack } from "./types";

/** Trips, itineraries, budget travel and nomad life. */
export const travel: DomainPack = {
	id: "travel",
	label: "Travel & adventure",
	keywords: {
		travel: 5,
		traveling: 5,
		travelling: 5,
		trip: 4,
		vacation: 4,
		holiday: 3,
		itinerary: 5,
		backpacking: 5,
		backpack: 3,
		"road trip": 5,
		flight: 3,
		hotel: 3,
		hostel: 4,
		"digital nomad": 5,
		nomad: 4,
		passport: 4,
		visa: 3,
		tourism: 4,
		tourist: 4,
		camping: 4,
		hiking: 3,
		cruise: 4,
		packing: 4,
		luggage: 4,
		abroad: 4,
		Europe: 3,
		Asia: 3,
		Japan: 3,
		Italy: 3,
		Iceland: 3,
		Mexico: 3,
		Thailand: 3,
		weekend: 2,
		destination: 4,
	},
	audience: "travellers",
	hues: [196, 186, 210, 168],
	prefersDark: false,
	fonts: ["geometric", "serif"],
	terms: ["itinerary", "packing list", "budget per day", "booking windows", "local transport", "travel insurance", "offline maps", "slow travel"],
	outcomes: [
		"plan a trip without endless browser tabs",
		"travel further on the same budget",
		"pack light and still have what you need",
		"handle surprises calmly on the road",
	],
	features: [
		{
			title: "A step-by-step planning timeline",
			body: "What to book three months, one month and one week before you leave, so {subject} never turns into last-minute panic.",
		},
		{
			title: "Daily budget calculator",
			body: "Estimate accommodation, food, transport and activities per day and see the real cost of the trip before you commit.",
		},
		{
			title: "Itinerary templates",
			body: "Flexible day-by-day plans with one anchor activity per day and slack time, so you see more and rush less.",
		},
		{
			title: "The carry-on packing list",
			body: "A tested list for travelling light in any season, with what to wear, what to bring and what to buy on arrival.",
		},
		{
			title: "Booking tactics",
			body: "When to book flights and stays, how to compare options quickly and which flexible fares are worth the extra cost.",
		},
		{
			title: "Safety and documents",
			body: "Passport, visa, insurance and money back-ups organised in one place, plus what to do if something is lost or stolen.",
		},
		{
			title: "Travel like a local",
			body: "How to use public transport, find good food away from the tourist strip and learn a few phrases that open doors.",
		},
		{
			title: "A trip journal",
			body: "Prompts to record costs, places and lessons, making your next trip easier to plan and this one easier to remember.",
		},
	],
	faqs: [
		{
			question: "How far ahead should I plan {subject}?",
			answer:
				"For most trips, start two to three months ahead: book flights and the first nights first, then fill in the rest. The timeline in the kit tells you what must be fixed early and what is better left flexible.",
		},
		{
			question: "How much should I budget per day?",
			answer:
				"It depends on the destination and your style. The kit's calculator breaks a day into accommodation, food, transport and activities, so you can plug in local prices and add a ten to fifteen percent buffer.",
		},
		{
			question: "Do I really need travel insurance?",
			answer:
				"For any trip abroad it is strongly recommended. Medical treatment, cancellations and lost luggage can cost far more than a policy. The guide lists what to check in the small print.",
		},
		{
			question: "Can I travel with only a carry-on?",
			answer:
				"Yes, for almost any trip length. The packing list is built around layers, a small number of versatile clothes and laundry on the road. Most {audience} who try it never go back.",
		},
		{
			question: "What if plans change on the road?",
			answer:
				"Build flexibility in from the start: refundable first nights, one unplanned day in every four and digital copies of every booking. The guide includes a simple plan B routine for delays and cancellations.",
		},
		{
			question: "Is it suitable for solo travel?",
			answer:
				"Yes. There is specific advice on choosing accommodation, meeting people, sharing your itinerary with someone at home and staying safe, which is useful for solo and group trips alike.",
		},
	],
	chapters: [
		{
			title: "Decide what kind of trip you want",
			paragraphs: [
				"Great {subject} starts with clarity about purpose. Is this trip about rest, adventure, food, culture or seeing people? Write down your top three priorities; they will make every later choice, from route to accommodation, far easier.",
				"Then set the constraints: dates, total budget and travel style. A realistic frame prevents the common mistake of planning a trip that is too long on paper and too expensive in practice.",
			],
			tips: ["Write your top three priorities for the trip.", "Set a total budget before you look at prices.", "Choose fewer places and stay longer in each."],
		},
		{
			title: "Build a realistic budget",
			paragraphs: [
				"Break the cost into transport to get there, accommodation, daily spending and one-off extras such as tours or visas. Research typical local prices for a meal, a night and a transit ride to estimate a daily figure.",
				"Add a buffer of at least ten percent for surprises, and decide in advance where you are happy to splurge and where you will save. Tracking spending during the trip keeps {subject} enjoyable instead of stressful when you get home.",
			],
			tips: ["Estimate a daily budget from real local prices.", "Add a ten to fifteen percent buffer.", "Use a card without foreign transaction fees."],
		},
		{
			title: "Plan the route and bookings",
			paragraphs: [
				"Sketch the route on a map and check travel times between stops; they are usually longer than expected. Aim for one main activity per day and at least one free day in four.",
				"Book the fixed points first: long-distance transport, the first and last nights and anything that sells out. Keep the middle of the trip flexible where you can, so you can stay longer somewhere you love.",
			],
			tips: [
				"Check door-to-door travel times, not just flight times.",
				"Book refundable options where plans may change.",
				"Keep all confirmations in one folder, online and offline.",
			],
		},
		{
			title: "Pack light and smart",
			paragraphs: [
				"Lighter bags make every transfer easier and cheaper. Pack clothes that layer and mix, plan on doing laundry and remember that most things can be bought at your destination.",
				"Keep essentials in your personal item: documents, medication, chargers, a change of clothes and anything valuable. A small pouch for cables and adapters prevents the classic lost-charger problem.",
			],
			tips: [
				"Lay everything out, then remove a third of it.",
				"Keep documents and medication in your personal bag.",
				"Bring a universal adapter and a short extension lead.",
			],
		},
		{
			title: "Stay safe, healthy and connected",
			paragraphs: [
				"Check entry requirements, vaccinations and local advice well before you go. Share your itinerary with someone at home and keep digital copies of your passport, insurance and cards.",
				"On the road, keep a backup card separate from your main wallet, download offline maps and translations, and learn a few local phrases. These small habits solve most of the problems {audience} run into.",
			],
			tips: [
				"Store copies of documents in cloud storage and on paper.",
				"Download offline maps before you arrive.",
				"Carry a backup card in a different place from your wallet.",
			],
		},
		{
			title: "Make the most of the trip",
			paragraphs: [
				"Travel is richer when you slow down. Eat where locals eat, use public transport, walk neighbourhoods without a plan for an afternoon and talk to people. The best memories of {subject} often come from unplanned moments.",
				"Keep a short daily journal with costs, highlights and lessons. When you get home, review it to plan the next trip better, and share your favourite finds with others.",
			],
			tips: [
				"Leave one afternoon in every three unplanned.",
				"Note your daily spending and one highlight each evening.",
				"Write a short review of places that helped you.",
			],
		},
	],
	checklist: [
		{
			title: "Months before",
			items: [
				"Write down the purpose and top priorities of the trip",
				"Set dates and a total budget",
				"Check passport validity and visa rules",
				"Book long-distance transport",
				"Buy travel insurance",
				"Research typical daily costs for {subject}",
			],
		},
		{
			title: "Weeks before",
			items: [
				"Book the first and last nights",
				"Sketch the route with realistic travel times",
				"Check vaccinations and health advice",
				"Tell your bank about your travel dates",
				"Download offline maps and a translation app",
				"Share your itinerary with someone at home",
			],
		},
		{
			title: "Packing",
			items: [
				"Lay out everything, then remove a third",
				"Pack clothes that layer and mix",
				"Keep documents and medication in your personal bag",
				"Pack chargers, adapters and a power bank",
				"Save digital copies of every document",
				"Carry a backup card separately from your wallet",
			],
		},
		{
			title: "On the road and after",
			items: [
				"Track spending against the daily budget",
				"Keep one unplanned day in every four",
				"Reconfirm onward transport the day before",
				"Write a short daily journal entry",
				"Back up photos regularly",
				"Review lessons learned when you get home",
			],
		},
	],
};
