/* SPDX-License-Identifier: MIT */
/* Languages as data, and deciding the language of each block. */
#ifndef DIGLOT_LANG_H
#define DIGLOT_LANG_H

#include <stddef.h>

struct settings;

/* Load the languages from the [language.CODE] sections of the settings. */
/* The most languages there can be (built in and added). */
enum { LANG_MAX = 64 };

void lang_load(const struct settings *cfg);
void lang_unload(void);

/* Number of known languages, and their codes and names. */
int lang_count(void);
const char *lang_code(int id);
const char *lang_name(int id);
/* The id of a language code (any case), or -1. */
int lang_find(const char *code, size_t len);

/* The id of a language code, adding it (with no evidence data) if unknown;
 * -1 when the table is full. */
int lang_add(const char *code, size_t len);
/* Forget the languages after the first n (those lang_add added). */
void lang_truncate(int n);

/*
 * Score the evidence in raw block text s[0..n) for each candidate language
 * cand[0..ncand): letters of the language's script, its stopwords, typical
 * letters and endings, letters it never uses.  score[i] is for cand[i]; a
 * block with no evidence scores 0 everywhere.  Only prose is evidence:
 * numbers, URLs, paths, identifiers, checksums, formulas and lines of code
 * are not read.  Returns the number of prose words read.
 */
int lang_score(const char *s, size_t n, const int *cand, int ncand, double *score);

/* The candidate that block scores s[0..ncand) clearly favour, or -1 when
 * the evidence is weak or close. */
int lang_clear(const double *s, int ncand);

/* What a change of language between neighbouring blocks should cost in
 * this document, from how often its blocks with clear evidence change. */
double lang_switch_cost(const double *score, size_t nblocks, int ncand);

/*
 * Choose one candidate per block over the whole sequence (Viterbi): maximise
 * the evidence minus switch_cost for each change of language, so that blocks
 * with little evidence take the language of their neighbours.  score is
 * nblocks x ncand; fixed[b] >= 0 forces a candidate index.  out[b] receives
 * the chosen candidate index.  Ties go to the language of the next block.
 */
void lang_viterbi(const double *score, const int *fixed, size_t nblocks,
    int ncand, double switch_cost, int *out);

/* If the single line s[0..n) is a marker such as "(English below)",
 * return the language it announces, else -1. */
int lang_marker(const char *s, size_t n);

#endif
