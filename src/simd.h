/* SPDX-License-Identifier: MIT */
/* Sixteen bytes at a time, where the machine has SSE2 (every x86-64). */
#ifndef DIGLOT_SIMD_H
#define DIGLOT_SIMD_H

#ifdef __SSE2__
#include <emmintrin.h>

/* The bits set in a 16-bit m (with no instruction for it to be had). */
static inline unsigned
bits16(unsigned m)
{
	m -= m >> 1 & 0x5555;
	m = (m & 0x3333) + (m >> 2 & 0x3333);
	m = (m + (m >> 4)) & 0x0F0F;
	return (m + (m >> 8)) & 0x1F;
}

/* Of sixteen bytes v, the continuation bytes (80 to BF) as bits, the first
 * byte lowest. */
static inline unsigned
continuations16(__m128i v)
{
	/* (As signed bytes, they lie below C0.) */
	return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)));
}

/* Of sixteen bytes v, followed by the sixteen next (v shifted by one), the
 * first bytes of Cyrillic letters from U+0400 to U+047F: D0 or D1 with a
 * continuation after it. */
static inline unsigned
cyrillic_leads16(__m128i v, __m128i next)
{
	__m128i d0_d1 = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xFE)),
	    _mm_set1_epi8((char)0xD0));

	return (unsigned)_mm_movemask_epi8(d0_d1) & continuations16(next);
}

/*
 * Of the sixteen bytes at s (s[16] readable too), the first a character's,
 * those that are printable ASCII (0x20 to 0x7E) or part of a Cyrillic
 * letter from U+0400 to U+047F as bits, the first byte lowest; *cont, the
 * continuation bytes among them.
 */
static inline unsigned
ascii_cyrillic16(const char *s, unsigned *cont)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)s);
	unsigned lead = cyrillic_leads16(v, _mm_loadu_si128((const __m128i *)(s + 1)));
	unsigned ascii = (unsigned)_mm_movemask_epi8(_mm_and_si128(
	    _mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)), _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F))));

	*cont = continuations16(v) & lead << 1;
	return ascii | lead | *cont;
}
#endif

#endif
