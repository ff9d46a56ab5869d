#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The lines of a PDF's text layer, from `pdftotext -bbox` (given as a
# file): one line per row of words in a column, as
# PAGE<TAB>COLUMN<TAB>TOP<TAB>BOTTOM<TAB>LEFT<TAB>TEXT<TAB>RIGHT, in reading order
# (page, column, top, left).  COLUMNS (1 or 2) says how the page is cut:
# with 2, a word that starts right of the middle is in column 1.
import html
import re
import sys

def main():
    path, ncols = sys.argv[1], int(sys.argv[2])
    page, width, words = 0, 0.0, []
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                      r'yMax="([\d.]+)">(.*?)</word>')
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.search(r'<page width="([\d.]+)"', line)
            if m:
                page += 1
                width = float(m.group(1))
                continue
            m = word.search(line)
            if m:
                x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
                col = 1 if ncols == 2 and x0 >= width / 2 else 0
                words.append((page, col, y0, y1, x0, html.unescape(m.group(5)), x1))
    words.sort(key=lambda w: (w[0], w[1], round(w[3]), w[4]))
    lines = []
    for w in words:
        last = lines[-1] if lines else None
        if last and last[0] == w[0] and last[1] == w[1] and abs(last[3] - w[3]) < 1.5:
            last[5].append(w[5])
            last[2] = min(last[2], w[2])
            last[4] = min(last[4], w[4])
            last[6] = max(last[6], w[6])
        else:
            lines.append([w[0], w[1], w[2], w[3], w[4], [w[5]], w[6]])
    for l in lines:
        print('%d\t%d\t%.1f\t%.1f\t%.1f\t%s\t%.1f' % (l[0], l[1], l[2], l[3], l[4],
                                                  ' '.join(l[5]), l[6]))

main()
