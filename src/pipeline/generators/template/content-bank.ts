/**
 * Domain-independent phrase banks. Each list holds interchangeable variants; the seeded
 * generator picks one, so kits on the same domain still read differently. Placeholders:
 * {subject} {Subject} {audience} {Audience} {outcome} {outcomeB} {domain} {chapters} {items}.
 */
import type { Level } from "./topic-profile";

export const SUBTITLES = [
	"A practical kit that helps you {outcome}. Clear guidance on {subject} for {audience}, a step-by-step checklist and a plan you can start today.",
	"Everything you need to {outcome}: a focused guide to {subject}, a checklist you will actually reuse, and no filler.",
	"{Subject}, made clear. Learn the methods that matter, skip the noise and {outcome}.",
	"Stop collecting scattered tips. This kit turns {subject} into a clear plan, so you can {outcome}.",
] as const;

export const LEVEL_LABELS: Record<Level, string> = {
	beginner: "Beginner friendly",
	intermediate: "Beyond the basics",
	advanced: "For experienced readers",
	general: "For every level",
};

export const FEATURE_HEADINGS = ["Built to help you {outcome}", "Everything you need for {subject}", "What makes this kit work", "Inside the method"] as const;

export const FEATURE_INTROS = [
	"Each part of the kit tackles one real obstacle {audience} face with {subject}, and tells you what to do about it.",
	"No filler and no theory for its own sake: every section ends with something you can do today.",
	"Designed around how {audience} actually learn and work, with practical tools instead of long lectures.",
] as const;

export const INSIDE_HEADINGS = ["What is inside the kit", "The files in this kit", "Your kit at a glance"] as const;

export const INSIDE_INTROS = [
	"Plain, portable files that open on any device, online or offline. Start anywhere, but the guide is the best first stop.",
	"Everything is written in plain Markdown and HTML, so you can read it, print it or paste it into your favourite notes app.",
] as const;

export const GUIDE_BLURBS = [
	"{chapters} chapters on {subject}, from the first steps to a 30-day plan.",
	"The complete method in {chapters} chapters, each ending with things to try right away.",
] as const;

export const CHECKLIST_BLURBS = [
	"{items} tick-box items grouped by stage, ready to print or copy into your notes.",
	"A {items}-item routine that turns the guide into daily and weekly actions.",
] as const;

export const README_BLURBS = [
	"What each file is for and the fastest way to get started.",
	"A one-page quick start: the files, how to open them and where to begin.",
] as const;

export const STEP_HEADINGS = ["How to use the kit", "Three steps to get going", "Start in three steps"] as const;

export const STEPS = [
	[
		{ title: "Read the foundations", body: "Start with the first two chapters of the guide to understand how {subject} works. It takes less than an hour." },
		{ title: "Work the checklist", body: "Use the checklist as your routine. Tick items off as you go and revisit the recurring sections every week." },
		{ title: "Follow the 30-day plan", body: "The last chapter breaks your first month into weekly focus areas, so you always know the next step." },
	],
	[
		{ title: "Pick one goal", body: "Decide what you want {subject} to give you in the next month and write it at the top of the checklist." },
		{ title: "Practise in short sessions", body: "Use one guide chapter per session and try its suggestions straight away; small, regular sessions win." },
		{ title: "Review every week", body: "Spend ten minutes each week ticking off progress and choosing the next focus from the checklist." },
	],
] as const;

export const AUDIENCE_HEADINGS = ["Who this kit is for", "Made for people like you", "Is this kit for you?"] as const;

export const AUDIENCE_ITEMS = [
	"You want to {outcome}.",
	"You would rather {outcomeB} than wade through hours of videos.",
	"You like clear steps, checklists and honest explanations.",
	"You can give {subject} a few focused sessions a week.",
	"You are coming back to {subject} after a break and want a fresh structure.",
	"You are one of the {audience} who want a plan rather than another list of tips.",
] as const;

export const CTA_HEADINGS = ["Start {subject} with a plan", "Ready to {outcome}?", "Your next step in {subject}", "Make {subject} part of your week"] as const;

export const CTA_BODIES = [
	"Open the guide, choose the first checklist section and book your first session. In a month you will have a clear record of real progress.",
	"Everything is ready: the method, the checklist and a 30-day plan. All it needs is your first twenty minutes.",
	"Skip the guesswork and start with the chapter that matches where you are today. The checklist keeps you on track from there.",
] as const;

export const CTA_BUTTONS = ["Start with the guide", "Open the guide", "Read chapter one"] as const;

export const FAQ_HEADINGS = ["Questions, answered", "Frequently asked questions", "Before you start"] as const;

export const LEVEL_FAQS: Record<Level, { question: string; answer: string }> = {
	beginner: {
		question: "I am completely new to {subject}. Is this for me?",
		answer:
			"Yes. The guide assumes no previous experience, explains each term the first time it appears and covers the foundations before technique. The checklist keeps the first weeks simple and manageable.",
	},
	intermediate: {
		question: "I know the basics of {subject}. What will I gain?",
		answer:
			"Structure. The kit focuses on the habits and systems that turn occasional progress into steady progress, and the checklists make gaps in your routine easy to spot.",
	},
	advanced: {
		question: "I am experienced with {subject}. Will I still learn something?",
		answer:
			"Probably. Experienced readers use the kit as a review tool: the checklists surface habits that slip over time, and the later chapters focus on refinement rather than basics. Skim what you know and go straight to your current challenge.",
	},
	general: {
		question: "Who is this kit for?",
		answer:
			"It is written for {audience} who want a structured approach to {subject}. Newcomers can follow it from start to finish; more experienced readers can jump to the chapters and checklists that match their current challenge.",
	},
};

export const KIT_FAQS = [
	{
		question: "What exactly is included?",
		answer:
			"A {chapters}-chapter guide (guide.md), a {items}-item checklist (checklist.md), this landing page, a README and the license. Everything is plain Markdown or HTML, so it opens on any device, offline, without special software.",
	},
	{
		question: "Can I use the material in my own work?",
		answer:
			"Yes. You may use and adapt the content in your own personal and commercial projects. What you may not do is resell or share the kit itself as it is; LICENSE.md explains the terms in plain English.",
	},
] as const;

export const GUIDE_INTROS = [
	"This guide walks you through {subject} in {chapters} chapters. Each chapter explains one part of the topic and ends with a short list of things to try. Read it once from start to finish, then return to individual chapters as you practise.",
	"{Subject} is easier when you know what matters and in which order. This guide gives you that order: {chapters} chapters that build on each other, each with practical suggestions you can apply the same day.",
] as const;

export const GUIDE_LEVEL_NOTES: Record<Level, string> = {
	beginner:
		"No previous experience is assumed. Terms are explained when they first appear, and the early chapters focus on foundations so that later techniques make sense.",
	intermediate:
		"You probably know the basics already, so the guide moves quickly through foundations and spends more time on the routines that create steady progress.",
	advanced:
		"The early chapters double as a review; the later ones focus on refinement, measurement and the habits that keep experienced practitioners improving.",
	general:
		"Newcomers can read it in order. If you already have some experience, skim the first chapters and use the tips at the end of each one as a quick audit of your routine.",
};

export const GUIDE_CLOSINGS = [
	"{Subject} rewards patience more than intensity. Keep your sessions regular, keep notes and change one thing at a time. Come back to this guide whenever progress stalls: the answer is usually in one of the fundamentals.",
	"The difference between hoping to {outcome} and actually doing it is rarely talent. It is a clear plan, regular practice and honest review. You now have all three; the rest is showing up.",
] as const;

export const CHECKLIST_INTROS = [
	"Use this checklist to put the guide into practice. Work through one section at a time, tick items as you complete them and come back to the recurring sections every week. It is plain Markdown, so you can print it or paste it into any notes app.",
	"This checklist turns the guide on {subject} into concrete actions. Start at the top, tick what you finish and revisit the recurring sections weekly. Copy it into your favourite notes app, or print it and keep it where you work.",
] as const;

export const START_ITEMS = [
	"Read the introduction and first chapter of the guide",
	"Decide when you will work on {subject} each week and put it in your calendar",
	"Write down one specific goal for the next 30 days",
	"Choose where you will keep your notes and log",
	"Tell someone about your plan so you stay accountable",
] as const;

export const REVIEW_ITEMS = [
	"Compare your results with where you started",
	"Mark the three checklist items that made the biggest difference",
	"Decide what to keep, change or drop next month",
	"Set a new goal for the next 30 days",
	"Reread the chapter you found hardest",
] as const;

export const DESCRIPTIONS = [
	"A practical {domain} kit on {subject}: a {chapters}-chapter guide, a {items}-item checklist and an offline landing page. Written for {audience}, it helps you {outcome}.",
	"Learn {subject} with a clear plan: a {chapters}-chapter guide, a {items}-item checklist and a 30-day roadmap. It is written for {audience} and helps you {outcome}.",
] as const;
