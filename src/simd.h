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

/*
 * Of the sixteen bytes at s (s[-1] and s[16] readable too), those that are
 * printable ASCII (0x20 to 0x7E) or part of a Cyrillic letter from U+0400
 * to U+047F (D0 or D1 with a continuation byte) as bits, the first byte
 * lowest; *cont, the continuation bytes among them.
 */
static inline unsigned
ascii_cyrillic16(const char *s, unsigned *cont)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)s);
	const __m128i prev = _mm_loadu_si128((const __m128i *)(s - 1));
	const __m128i next = _mm_loadu_si128((const __m128i *)(s + 1));
	const __m128i fe = _mm_set1_epi8((char)0xFE), d0 = _mm_set1_epi8((char)0xD0);
	const __m128i below_c0 = _mm_set1_epi8((char)0xC0);
	/* As signed bytes: continuations 80-BF lie below C0. */
	__m128i is_cont = _mm_cmplt_epi8(v, below_c0);
	__m128i lead = _mm_and_si128(_mm_cmpeq_epi8(_mm_and_si128(v, fe), d0),
	    _mm_cmplt_epi8(next, below_c0));
	__m128i after_lead = _mm_and_si128(is_cont, _mm_cmpeq_epi8(_mm_and_si128(prev, fe), d0));
	__m128i ascii = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));

	*cont = (unsigned)_mm_movemask_epi8(after_lead);
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(ascii, _mm_or_si128(lead, after_lead)));
}
#endif

#endif
