/* SPDX-License-Identifier: MIT */
/* Pillars: a briefing's thematic axes, tagged by their terms in every
 * language. */
#ifndef DIGLOT_PILLAR_H
#define DIGLOT_PILLAR_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct doc;
struct settings;

enum { PILLAR_MAX = 32 };

struct pillar_set;
struct pillars;

/* A term found in a block's display text: byte offsets. */
struct pillar_match {
	int pillar;
	size_t start, end;
	int term;		/* which of the pillar set's terms */
};

/*
 * The pillars of [pillars] order, then those a marked-up briefing defines
 * in ini (its %pillar lines, read into cfg first; NULL for none), with
 * their [pillar.ID] sections and their terms folded for matching.  cfg
 * must outlive the set.
 */
struct pillar_set *pillar_set_new(struct settings *cfg, const struct buf *ini);
void pillar_set_free(struct pillar_set *set);

/* The pillars of set in doc, each block tagged when first asked about;
 * set must outlive them. */
struct pillars *pillars_new(const struct pillar_set *set, const struct doc *doc);
void pillars_free(struct pillars *p);

int pillars_count(const struct pillars *p);
const char *pillars_id(const struct pillars *p, int i);
/* Its title in language id lang; unless exact, else in any language,
 * else its id.  NULL when exact and there is none. */
const char *pillars_title(const struct pillars *p, int i, int lang, int exact);
/* The index of a pillar id, or -1. */
int pillars_find(const struct pillars *p, const char *id);

/* The matches of the pillars' terms (those of language lang) in sanitised
 * text[0..n): up to max into out, in order; returns how many in all. */
size_t pillars_match(const struct pillars *p, int lang, const char *text, size_t n,
    struct pillar_match *out, size_t max);

/* A byte range of a text. */
struct span_pair {
	size_t start, end;
};

/* The sentences of sanitised text[0..n): the first up to max ranges into
 * out (the text is read no further); returns how many.  A sentence ends at
 * . ! ? before a capital, a digit or an opening quote, or at 。！？. */
size_t pillars_sentences(const char *text, size_t n, struct span_pair *out, size_t max);

/* The pillars of block b (bit i: pillar i): its explicit tags, else its
 * terms (a heading's weighed against its section), with those of the
 * heading whose section holds it; computed once. */
uint32_t pillars_block(struct pillars *p, size_t b);
/* The pillars block b takes from the headings whose sections hold it. */
uint32_t pillars_inherited(struct pillars *p, size_t b);
/* The heading whose section holds block b, or -1: the nearest heading
 * before it in its language of a lower level (5 before 5.1, 5.1 before
 * 5.1.2; an unnumbered heading is of level 1). */
long pillars_section(struct pillars *p, size_t b);
/* The level of block b when it is a heading (see pillars_section), else 0. */
int pillars_level(struct pillars *p, size_t b);
/* The pillars of block b's own tags or terms, unweighed, for block b
 * whose display text (doc_block_text) is text[0..n), with the matches of
 * its terms: the first up to max into out, *nout of them (the text is
 * read no further once out is full). */
uint32_t pillars_block_matches(struct pillars *p, size_t b, const char *text, size_t n,
    struct pillar_match *out, size_t max, size_t *nout);
/* The pillars of row r: those of any of its blocks, in any language. */
uint32_t pillars_row(struct pillars *p, size_t r);
/* Count the rows of each pillar again, the rows having changed (once all
 * blocks are tagged; before, the count is still to come). */
void pillars_recount(struct pillars *p);
/* Whether every block has been tagged (tag_some does a slice). */
int pillars_done(const struct pillars *p);
/* Tag up to n more blocks; returns nonzero when all are done. */
int pillars_tag_some(struct pillars *p, size_t n);
/* Rows tagged with pillar i (valid once pillars_done). */
size_t pillars_rows(const struct pillars *p, int i);

#endif
