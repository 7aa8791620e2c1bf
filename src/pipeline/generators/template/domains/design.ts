import type { DomainPack } from "./types";

/** Graphic, UI/UX, web and interior design. */
export const design: DomainPack = {
	id: "design",
	label: "Design & creativity",
	keywords: {
		design: 5,
		designer: 5,
		ui: 4,
		ux: 4,
		"user experience": 5,
		"web design": 5,
		"graphic design": 5,
		logo: 5,
		typography: 5,
		font: 3,
		Figma: 5,
		Canva: 4,
		illustration: 5,
		color: 3,
		colour: 3,
		palette: 4,
		layout: 4,
		"interior design": 5,
		interior: 3,
		portfolio: 3,
		creative: 3,
		creativity: 4,
		lettering: 5,
		wireframe: 5,
		prototype: 4,
		branding: 2,
	},
	audience: "designers",
	hues: [268, 288, 250, 310],
	prefersDark: false,
	fonts: ["geometric", "serif", "sans"],
	terms: ["visual hierarchy", "grids", "typography", "colour systems", "white space", "feedback", "iteration", "accessibility"],
	outcomes: [
		"make design decisions you can explain",
		"create clean, consistent work faster",
		"get useful feedback and iterate with confidence",
		"build a portfolio that shows your thinking",
	],
	features: [
		{
			title: "A repeatable design process",
			body: "From brief to final file in clear stages, so {subject} projects stay on track and decisions are easy to explain.",
		},
		{
			title: "Visual hierarchy, explained",
			body: "Use size, weight, colour and spacing to guide the eye, with before-and-after examples of common fixes.",
		},
		{
			title: "Grids and spacing systems",
			body: "Set up a simple grid and spacing scale that keeps layouts consistent across every page, screen or sheet.",
		},
		{
			title: "Typography that reads well",
			body: "Pick and pair typefaces, set comfortable line lengths and build a type scale that works at every size.",
		},
		{
			title: "Colour with purpose",
			body: "Build a small palette with clear roles and check contrast, so colour supports the message and stays accessible.",
		},
		{
			title: "Critique and feedback",
			body: "Ask for feedback that is specific and useful, and turn comments into a prioritised list of changes.",
		},
		{
			title: "Reference and inspiration system",
			body: "Collect, tag and study references so {audience} can find ideas quickly without copying.",
		},
		{
			title: "Portfolio case studies",
			body: "Present projects as problem, process and result, showing the thinking behind the final images.",
		},
	],
	faqs: [
		{
			question: "Do I need expensive software for {subject}?",
			answer:
				"No. The principles in the kit apply with any tool, including free ones and pen and paper. Where a technique is easier in a particular kind of software, the guide explains the idea so you can apply it anywhere.",
		},
		{
			question: "I am not naturally creative. Will this help?",
			answer:
				"Yes. Good design relies far more on process, principles and iteration than on inspiration. The kit gives you a method to follow, so results improve through practice rather than luck.",
		},
		{
			question: "How do I handle feedback from clients?",
			answer:
				"Agree goals at the start, present work against those goals and ask specific questions. The critique chapter includes scripts for turning vague comments into clear, actionable changes.",
		},
		{
			question: "Does it cover accessibility?",
			answer:
				"Yes. Contrast, readable type sizes, clear hierarchy and not relying on colour alone are covered throughout, because accessible design is simply better design.",
		},
		{
			question: "How should I practise?",
			answer:
				"Short, focused exercises work best: redesign an existing layout, recreate a piece you admire to study it, or solve the same brief three ways. The checklist includes a weekly practice routine.",
		},
		{
			question: "Can I use the material with clients or students?",
			answer: "Yes. The license allows you to use and adapt the content in your own work, including client projects and teaching.",
		},
	],
	chapters: [
		{
			title: "Start with the brief",
			paragraphs: [
				"Every good {subject} project begins with a clear brief. Write down who it is for, what it must achieve, where it will be used and any constraints such as size, budget or brand rules. A brief you can check work against prevents endless revisions.",
				"Collect references and examples before drawing anything. Study what works in them and why, and note the qualities you want, such as calm, bold, friendly or precise.",
			],
			tips: [
				"Write the goal of the project in one sentence.",
				"Collect ten references and note what you like about each.",
				"Agree how success will be judged before starting.",
			],
		},
		{
			title: "Build visual hierarchy",
			paragraphs: [
				"Hierarchy tells the viewer what to look at first, second and third. Use size, weight, colour, contrast and position to create clear levels, and limit yourself to three or four of them.",
				"Squint at your work or view it small: the most important element should still stand out. If everything is emphasised, nothing is. In {subject}, removing emphasis is often more effective than adding it.",
			],
			tips: [
				"Define three levels of importance for every layout.",
				"Do the squint test before sharing work.",
				"Remove one element of emphasis from each draft.",
			],
		},
		{
			title: "Use grids, spacing and alignment",
			paragraphs: [
				"Grids and consistent spacing make work look intentional. Choose a simple column grid and a spacing scale, for example multiples of eight, and stick to it.",
				"Align elements to shared edges, group related items closer together and give important elements room to breathe. White space is not wasted space; it is what makes the content readable.",
			],
			tips: [
				"Use a spacing scale instead of arbitrary values.",
				"Align every element to a grid line or a shared edge.",
				"Increase white space around your most important element.",
			],
		},
		{
			title: "Choose type and colour",
			paragraphs: [
				"Typography carries most of the message. Pick one or two typefaces, set body text at a comfortable size with a line length of around 50 to 75 characters, and create a simple type scale for headings.",
				"Build a small palette with clear roles: a main colour, an accent, neutrals for text and backgrounds, and colours for states such as success or error. Check contrast for readability and never rely on colour alone to carry meaning.",
			],
			tips: ["Limit yourself to two typefaces.", "Check text contrast against its background.", "Assign every colour in the palette a specific role."],
		},
		{
			title: "Iterate with feedback",
			paragraphs: [
				"First drafts are for thinking, not for finishing. Explore several directions quickly, choose the strongest and refine it. Share work early and ask specific questions linked to the brief.",
				"Turn feedback into a prioritised list of changes and explain your decisions using the goals you agreed. This keeps {subject} discussions focused on outcomes rather than personal taste.",
			],
			tips: [
				"Sketch at least three directions before refining one.",
				"Ask reviewers a specific question about the goal.",
				"Keep earlier versions so you can compare.",
			],
		},
		{
			title: "Deliver and show your work",
			paragraphs: [
				"Finish projects properly: consistent file naming, organised layers, exported formats for each use and short usage notes. Professional delivery is part of good design.",
				"Document your process for your portfolio. A short case study showing the problem, the options you explored and the result demonstrates your {subject} thinking far better than a gallery of final images.",
			],
			tips: [
				"Name and organise files before delivery.",
				"Export every format the client or platform needs.",
				"Write a short case study for each finished project.",
			],
		},
	],
	checklist: [
		{
			title: "Brief and research",
			items: [
				"Write the audience, goal and constraints for {subject}",
				"Collect at least ten references",
				"Note the qualities the design should convey",
				"Agree how success will be judged",
				"List all formats and sizes required",
				"Check existing brand guidelines",
			],
		},
		{
			title: "Layout",
			items: [
				"Choose a grid and spacing scale",
				"Define three levels of hierarchy",
				"Align elements to shared edges",
				"Group related items together",
				"Give key elements enough white space",
				"Do the squint test",
			],
		},
		{
			title: "Type and colour",
			items: [
				"Limit typefaces to two",
				"Set comfortable body size and line length",
				"Create a heading scale",
				"Give every palette colour a role",
				"Check text contrast",
				"Make sure colour is not the only signal",
			],
		},
		{
			title: "Review and delivery",
			items: [
				"Explore three directions before refining",
				"Ask reviewers specific questions",
				"Prioritise feedback into a change list",
				"Name and organise all files",
				"Export every required format",
				"Write a short case study",
			],
		},
	],
};
