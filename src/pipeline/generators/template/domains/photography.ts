import type { DomainPack } from "./types";

/** Photography, video and editing. */
export const photography: DomainPack = {
	id: "photography",
	label: "Photography & video",
	keywords: {
		photography: 5,
		photo: 4,
		photos: 4,
		photographer: 5,
		camera: 5,
		lens: 4,
		portrait: 4,
		landscape: 3,
		Lightroom: 5,
		Photoshop: 4,
		editing: 3,
		drone: 4,
		video: 3,
		videography: 5,
		filmmaking: 5,
		iPhone: 2,
		smartphone: 2,
		selfie: 3,
		wedding: 2,
		"street photography": 5,
		exposure: 4,
		composition: 4,
		lighting: 3,
		studio: 2,
		film: 2,
		shoot: 3,
		aperture: 5,
		product: 1,
		astrophotography: 5,
	},
	audience: "photographers",
	hues: [38, 26, 210, 190],
	prefersDark: true,
	fonts: ["geometric", "serif"],
	terms: ["exposure triangle", "composition", "natural light", "focus", "white balance", "editing workflow", "backups", "golden hour"],
	outcomes: [
		"take sharp, well-exposed photos on purpose",
		"see light and composition like a pro",
		"edit quickly with a consistent style",
		"build a portfolio you are proud of",
	],
	features: [
		{
			title: "The exposure triangle, demystified",
			body: "Aperture, shutter speed and ISO explained through real situations, so you know which setting to change and why.",
		},
		{
			title: "Composition you can practise",
			body: "Rule of thirds, leading lines, framing and negative space, each with a short exercise for your next outing.",
		},
		{
			title: "Working with light",
			body: "Read natural light at any time of day, use window light indoors and shape it with cheap reflectors and diffusers.",
		},
		{
			title: "A fast editing workflow",
			body: "A repeatable sequence from import to export that gives {subject} a consistent look without hours at the screen.",
		},
		{
			title: "Shot lists and planning",
			body: "Plan shoots with location notes, timing and must-have shots, so you come home with the images you needed.",
		},
		{
			title: "Gear advice without hype",
			body: "What actually improves your photos at each stage, and why technique beats upgrades for most {audience}.",
		},
		{
			title: "A critique framework",
			body: "Five questions to review your own images honestly and pick the keepers with confidence.",
		},
		{
			title: "Back up and organise",
			body: "A simple folder, naming and backup system that keeps every shoot safe and easy to find years later.",
		},
	],
	faqs: [
		{
			question: "Do I need an expensive camera for {subject}?",
			answer:
				"No. The kit is built around technique: light, composition and timing. Everything works with an entry-level camera or a recent phone, and the gear chapter explains when an upgrade genuinely helps.",
		},
		{
			question: "Should I shoot in manual mode?",
			answer:
				"Learn it, but do not feel obliged to use it all the time. Aperture or shutter priority is often faster. The guide shows when full manual control is worth it, such as in tricky or consistent lighting.",
		},
		{
			question: "Which editing software does it use?",
			answer:
				"The workflow is software-agnostic: the same steps, from cropping and exposure to colour and export, apply in any mainstream editor, including free ones and phone apps.",
		},
		{
			question: "How do I get sharper photos?",
			answer:
				"Use a fast enough shutter speed, focus on the right point, stabilise the camera and check your lens is clean. The troubleshooting table in the guide lists the causes of blur in order of likelihood.",
		},
		{
			question: "How long until my photos improve?",
			answer:
				"Most {audience} see a clear difference within a few weeks of the practice assignments, because each one targets a single skill. Reviewing your shots after every outing speeds this up a lot.",
		},
		{
			question: "Can I use it for paid work?",
			answer:
				"Yes. The planning, shot-list and backup chapters are written with client work in mind, and the license lets you use the kit's content in your own projects.",
		},
	],
	chapters: [
		{
			title: "Know your camera",
			paragraphs: [
				"Before chasing better images in {subject}, learn the controls you will use constantly: focus mode and focus point, exposure compensation, and how to switch between aperture priority, shutter priority and manual. Set up custom buttons for the settings you change most.",
				"Shoot in RAW if your camera allows it; it keeps more detail for editing. Turn on the histogram display and learn to read it, because the screen can make images look brighter or darker than they are.",
			],
			tips: ["Practise changing key settings without looking.", "Enable RAW capture and the live histogram.", "Keep the lens and sensor clean."],
		},
		{
			title: "Master exposure",
			paragraphs: [
				"Exposure balances three controls. Aperture sets depth of field, shutter speed controls motion blur and ISO sets sensitivity, with noise as the cost. Decide which matters most for the shot, set it first and balance the other two.",
				"Protect highlights: clipped bright areas cannot be recovered, while shadows usually can. Use exposure compensation to adjust quickly and check the histogram after important shots.",
			],
			tips: [
				"Choose aperture for depth, shutter for motion, then adjust ISO.",
				"Keep shutter speed fast enough to avoid camera shake.",
				"Bracket exposures in high-contrast scenes.",
			],
		},
		{
			title: "Compose with intent",
			paragraphs: [
				"Strong composition guides the viewer's eye. Start by identifying the subject and removing distractions: move your feet, change height and check the edges of the frame before pressing the shutter.",
				"Use the rule of thirds, leading lines, framing and negative space as tools rather than rules. For {subject}, try shooting the same scene five different ways; the comparison teaches more than any theory.",
			],
			tips: ["Check all four edges of the frame before shooting.", "Shoot every scene from at least three angles.", "Simplify: one clear subject per image."],
		},
		{
			title: "Find and shape light",
			paragraphs: [
				"Light is the raw material of photography. Soft light from overcast skies or a window flatters faces and details; hard light creates drama and texture. The hour after sunrise and before sunset gives warm, directional light.",
				"Learn to modify light cheaply: a white card as a reflector, a thin curtain as a diffuser, and moving your subject relative to a window. Small changes in position often matter more than new equipment.",
			],
			tips: [
				"Notice the direction and quality of light before each shot.",
				"Use a window as your first studio light.",
				"Carry a small reflector or white card.",
			],
		},
		{
			title: "Edit efficiently",
			paragraphs: [
				"Editing should enhance, not rescue. Follow the same order every time: cull, crop and straighten, set white balance and exposure, adjust contrast and colour, then apply local tweaks and sharpening.",
				"Create presets for your common situations to keep your {subject} work consistent. Export with the correct size and colour space for where the image will be seen, and keep originals untouched.",
			],
			tips: ["Cull ruthlessly before you start editing.", "Follow one fixed editing order.", "Save presets for repeat lighting situations."],
		},
		{
			title: "Organise, share and grow",
			paragraphs: [
				"Protect your work with the 3-2-1 rule: three copies, on two types of storage, one off-site. Use consistent folder names by date and shoot so you can find images quickly.",
				"Share a small, curated selection rather than everything, and ask for specific feedback. Regular themed assignments keep {subject} fresh and give your portfolio a clear direction.",
			],
			tips: ["Back up every card before formatting it.", "Name folders by date and shoot.", "Give yourself one themed assignment per week."],
		},
	],
	checklist: [
		{
			title: "Before the shoot",
			items: [
				"Charge batteries and format memory cards",
				"Clean the lens and check the sensor",
				"Write a short shot list for {subject}",
				"Check weather and the time of the best light",
				"Set RAW capture and the live histogram",
				"Pack a reflector or white card",
			],
		},
		{
			title: "During the shoot",
			items: [
				"Decide the most important setting first",
				"Check the histogram after key shots",
				"Protect highlights from clipping",
				"Check the edges of the frame",
				"Shoot each scene from three angles",
				"Take a few frames of the same moment to ensure sharpness",
			],
		},
		{
			title: "Editing",
			items: [
				"Back up the card before editing",
				"Cull to your best images",
				"Crop and straighten",
				"Set white balance and exposure",
				"Adjust contrast, colour and local areas",
				"Export at the right size for each destination",
			],
		},
		{
			title: "Growth",
			items: [
				"Review your shots with the five critique questions",
				"Keep the 3-2-1 backup rule",
				"Share a curated selection and ask for feedback",
				"Set a themed assignment for next week",
				"Update your portfolio each month",
				"Note one technique to practise next",
			],
		},
	],
};
