/* SPDX-License-Identifier: MIT */
/* Unit tests of pillar tagging: prefixes, folding, word boundaries. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "align.h"
#include "doc.h"
#include "lang.h"
#include "pillar.h"
#include "settings.h"
#include "tap.h"

static struct settings *cfg;
static struct pillar_set *set;
static struct pillars *pl;
static struct doc *doc;
static char path[256];

/* A one-block document in language code, and the pillars of cfg. */
static void
load(const char *code, const char *text)
{
	char *paths[1] = { path };
	struct buf why = {0};
	FILE *f;

	pillars_free(pl);
	doc_free(doc);
	snprintf(path, sizeof path, "%s/diglot-pillar-%d.%s.txt",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid(), code);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	doc = doc_open(paths, 1, NULL, &why);
	unlink(path);
	if (doc)
		align_doc(doc);
	pillar_set_free(set);
	set = pillar_set_new(cfg, &doc->pillar_ini);
	pl = pillars_new(set, doc);
}

/* The pillar ids of block 0 and the matched text, "id:text,...". */
static char *
tags(const char *code, const char *text)
{
	static char out[1024];
	struct pillar_match m[32];
	struct buf t = {0};
	size_t n, i;

	load(code, text);
	out[0] = '\0';
	buf_add(&t, "", 0);
	doc_block_text(doc, 0, &t);
	n = pillars_match(pl, doc->blocks[0].lang, t.s, t.len, m, 32);
	for (i = 0; i < n && i < 32; i++) {
		char one[200];

		snprintf(one, sizeof one, "%s%s:%.*s", i ? "," : "",
		    pillars_id(pl, m[i].pillar), (int)(m[i].end - m[i].start), t.s + m[i].start);
		strcat(out, one);
	}
	buf_free(&t);
	return out;
}

int
main(void)
{
	static const char ini[] =
	    "[pillars]\norder = prot, res, greek, edge\n"
	    "[pillar.prot]\ntitle.bg = Защита\nterms.bg = защит*, помощ*\n"
	    "terms.en = protect*, assistance\nterms.fr = protection, aide\n"
	    "[pillar.res]\nterms.bg = събирането на данни\n"
	    "terms.en = data collection, research\n"
	    "[pillar.greek]\nterms.el = ΆΡΘΡΟ*, μετανάστ*\n"
	    "[pillar.edge]\nterms.en = EU\nterms.de = strasse\nterms.fr = étude*\n"
	    "terms.zh = 移民\n";

	cfg = settings_new();
	ok(settings_read_text(cfg, "test.ini", NULL, ini, strlen(ini)) == 0,
	    "the test pillars read without a complaint");
	lang_load(cfg);

	is_str(tags("bg", "Защитата на децата и защитни мерки, защита."),
	    "prot:Защитата,prot:защитни,prot:защита", "защит* covers защитата, защитни, защита");
	is_str(tags("bg", "На 14 октомври 2024 г. Балканската мрежа представи в София програма "
	    "за защитата на непридружените деца мигранти."), "prot:защитата",
	    "защит* runs on to the end of the word deep in a long sentence");
	is_str(tags("bg", "На 14 октомври 2024 г. Балканската мрежа представи в София програма "
	    "з защитата на непридружените деца мигранти."), "prot:защитата",
	    "... wherever it stands");
	is_str(tags("bg", "ПОМОЩТА е важна."), "prot:ПОМОЩТА", "upper-case Cyrillic matches");
	is_str(tags("bg", "Самозащита не е защита."), "prot:защита",
	    "a term never matches inside another word");
	is_str(tags("en", "Unprotected people need protection."), "prot:protection",
	    "protect* does not match inside unprotected");
	is_str(tags("en", "We need ASSISTANCE."), "prot:ASSISTANCE", "case is folded");
	is_str(tags("en", "Assistances are many."), "", "a term without * matches whole words only");
	is_str(tags("fr", "Une protéction et de l'aide."), "prot:protéction,prot:aide",
	    "accents are folded away (protéction finds protection)");
	is_str(tags("bg", "насърчаване на\nсъбирането   на\nданни за"),
	    "res:събирането   на данни", "a multi-word term matches across line breaks and runs of spaces");
	is_str(tags("en", "better data\ncollection and research."),
	    "res:data collection,res:research", "data collection across a line break");
	is_str(tags("el", "ΆΡΘΡΟ 2 για τους μετανάστες"), "greek:ΆΡΘΡΟ,greek:μετανάστες",
	    "Greek upper case with tonos matches a term written with it");
	is_str(tags("el", "άρθρο 2"), "greek:άρθρο", "... and lower case without");
	is_str(tags("en", "data collections"), "", "data collection does not match data collections");
	/* Where words start and end: punctuation, quotes, apostrophes,
	 * decomposed accents, letters that fold to two, scripts without
	 * spaces, short terms. */
	is_str(tags("en", "«Protection», (assistance) and \"research\"; protect"),
	    "prot:Protection,prot:assistance,res:research,prot:protect",
	    "terms next to quotes and brackets, and at the very end");
	is_str(tags("en", "2protection and research2 are not words"), "",
	    "a term run into digits is not a word");
	is_str(tags("en", "Protection. Research: assistance.protect and EU.research: EU.eu"),
	    "prot:Protection,res:Research",
	    "a full stop or colon before a blank ends a word, one between letters does not");
	is_str(tags("en", "More research."), "res:research", "... as does the end of the text");
	is_str(tags("en", "The EU, eu-funded, not EUROPE."), "edge:EU,edge:eu",
	    "a two-letter term, before a comma and a hyphen");
	is_str(tags("de", "An der STRASSE und der Straße."), "edge:STRASSE,edge:Straße",
	    "ß folds to ss");
	is_str(tags("fr", "L'étude, l’Étude et E\xcc\x81tudes."),
	    "edge:étude,edge:Étude,edge:E\xcc\x81tudes",
	    "after an apostrophe, and with the accent as a mark of its own");
	is_str(tags("zh", "关于移民的研究。移民问题"), "edge:移民,edge:移民",
	    "Chinese terms between other characters");
	{
		/* A paragraph far longer than the pieces it is read in. */
		struct buf big = {0}, t = {0};
		struct pillar_match m[32];
		size_t i, n;

		for (i = 0; i < 20000; i++)
			buf_adds(&big, i % 7 ? "lorem ipsum protection dolor " :
			    "lorem ipsum data\ncollection dolor ");
		load("en", big.s);
		buf_add(&t, "", 0);
		doc_block_text(doc, 0, &t);
		n = pillars_match(pl, doc->blocks[0].lang, t.s, t.len, m, 32);
		ok(n == 20000, "every term of a %zu-byte paragraph is found (%zu)", t.len, n);
		{
			struct pillar_match bm[256];
			struct span_pair sp[128];
			size_t k, in_order = 1, ns;

			/* A block's matches for --json: the first that fit,
			 * all of them real. */
			pillars_block_matches(pl, 0, t.s, t.len, bm, 256, &n);
			for (k = 1; k < n && k < 256; k++)
				in_order &= bm[k].start > bm[k - 1].start;
			ok(n == 256 && in_order && strncmp(t.s + bm[255].start, "protection", 10) == 0,
			    "a block's matches are its first 256, in order (%zu)", n);
			ns = pillars_sentences(t.s, t.len, sp, 128);
			ok(ns == 1 && sp[0].end == t.len, "... and a text with no sentence end is one sentence");
		}
		buf_free(&t);
		buf_free(&big);
	}
	{
		struct span_pair sp[128];
		struct buf many = {0};
		size_t i, ns;

		for (i = 0; i < 300; i++)
			buf_printf(&many, "Sentence %zu ends here. ", i);
		ns = pillars_sentences(many.s, many.len, sp, 128);
		ok(ns == 128 && strncmp(many.s + sp[127].start, "Sentence 127 ends here.",
		    sp[127].end - sp[127].start) == 0, "a text's first 128 sentences are kept (%zu)", ns);
		buf_free(&many);
	}

	load("en", "Nothing here.\n\nWe protect the data collection.\n");
	ok(pillars_block(pl, 0) == 0, "an untagged block has no pillars");
	ok(pillars_block(pl, 1) == 3, "a block with both pillars' terms has both");
	ok(pillars_tag_some(pl, 100) && pillars_done(pl) && pillars_rows(pl, 0) == 1 &&
	    pillars_rows(pl, 1) == 1 && pillars_rows(pl, 2) == 0, "rows are counted per pillar");
	ok(pillars_find(pl, "res") == 1 && pillars_find(pl, "nope") == -1, "pillars are found by id");
	is_str(pillars_title(pl, 0, lang_find("en", 2), 0), "Защита",
	    "a title falls back to another language");
	ok(pillars_title(pl, 0, lang_find("en", 2), 1) == NULL, "... unless asked for exactly");

	{
		struct span_pair sp[8];
		const char *t = "През 2016 г. МОМ прие подход. Второ изречение! J. Smith said so? "
		    "Yes. 第一句。第二句";
		size_t n = pillars_sentences(t, strlen(t), sp, 8);

		ok(n == 6, "sentences: . ! ? before a capital, 。, and the rest (%zu)", n);
		ok(n >= 1 && strncmp(t + sp[0].start, "През 2016 г. МОМ прие подход.",
		    sp[0].end - sp[0].start) == 0, "... not after an abbreviation such as г.");
		ok(n >= 3 && strncmp(t + sp[2].start, "J. Smith said so?", sp[2].end - sp[2].start) == 0,
		    "... nor after an initial");
		ok(n == 6 && strcmp(t + sp[5].start, "第二句") == 0, "... and Chinese ends at 。");
	}
	/* The same wherever the text stands: its ends are looked for sixteen
	 * bytes at a time. */
	{
		struct span_pair sp[8];
		char t[256];
		int pad, wrong = 0;

		for (pad = 0; pad < 40; pad++) {
			size_t n;

			snprintf(t, sizeof t, "%.*s Първо изречение. Second one! Третье? 第四句！Fifth",
			    pad, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
			n = pillars_sentences(t, strlen(t), sp, 8);
			wrong += n != 5 || strncmp(t + sp[1].start, "Second one!", sp[1].end - sp[1].start) ||
			    strncmp(t + sp[3].start, "第四句！", sp[3].end - sp[3].start) ||
			    strcmp(t + sp[4].start, "Fifth") != 0;
		}
		ok(wrong == 0, "sentences end in the same places after 0 to 39 bytes (%d differ)", wrong);
	}

	pillars_free(pl);
	pillar_set_free(set);
	doc_free(doc);
	lang_unload();
	settings_free(cfg);
	return tap_done();
}
