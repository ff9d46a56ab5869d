#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the office fixtures into OUTDIR: brief.bg.docx and brief.en.docx
(one version each), brief.odt (both versions), and damaged ones: not a zip,
truncated, without word/document.xml, encrypted, a zip bomb, one whose
directory says its document unpacks to 250 MB, and one whose document.xml
stops in the middle of a paragraph."""
import struct
import sys
import zipfile
from xml.sax.saxutils import escape

# The briefing: (kind, Bulgarian, English); kinds: h1, h2, p, li, table.
BRIEF = [
    ("h1", "Обучение за разпознаване на мрежите за контрабанда",
     "Training to recognise smuggling networks"),
    ("p", "Четиридесет служители на граничната полиция завършиха едноседмично обучение за това как да разпознават и разследват мрежите, които превеждат мигранти през страната.",
     "Forty border police officers completed a week of training on how to recognise and investigate the networks that smuggle migrants across the country."),
    ("h2", "Какво научиха служителите", "What the officers learned"),
    ("p", "Програмата обхвана четири теми:", "The programme covered four subjects:"),
    ("li", "как да разпознават хора, нуждаещи се от защита и помощ;",
     "how to identify people in need of protection and assistance;"),
    ("li", "как финансовите разследвания могат да прекъснат дейността на контрабандистите.",
     "how financial investigations can disrupt the activities of smugglers."),
    ("h2", "Резултати досега", "Results so far"),
    ("table", [["Година", "Случаи"], ["2023", "47"]], [["Year", "Cases"], ["2023", "47"]]),
    ("p", "Агенцията ще проведе още два курса до края на годината, в Бургас и във Видин.",
     "The agency will hold two more courses before the end of the year, in Burgas and in Vidin."),
    ("link", "Подробности в ръководството на агенцията.", "Details are in the agency's guide."),
]
GUIDE = "https://example.org/guide.pdf"
RELS = ('<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
    'Target="%s" TargetMode="External"/></Relationships>\n' % GUIDE)

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>\n')
STYLES = ('<?xml version="1.0" encoding="UTF-8"?>\n<w:styles %s>'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="%s"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="%s"><w:name w:val="heading 1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="%s"><w:name w:val="heading 2"/>'
    '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    '</w:styles>\n')
NUMBERING = ('<?xml version="1.0" encoding="UTF-8"?>\n<w:numbering %s>'
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>\n' % W)


def run(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % escape(text)


def docx_document(col, lang, h1, h2):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>\n' % W]
    for item in BRIEF:
        kind, text = item[0], item[col]
        if kind == "h1":
            out.append('<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr>%s</w:p>\n' % (h1, run(text)))
        elif kind == "h2":
            out.append('<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr>%s</w:p>\n' % (h2, run(text)))
        elif kind == "li":
            out.append('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>%s</w:p>\n' % run(text))
        elif kind == "link":
            out.append('<w:p><w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">%s</w:hyperlink></w:p>\n' % run(text))
        elif kind == "table":
            out.append('<w:tbl>')
            for row in text:
                out.append('<w:tr>' + ''.join('<w:tc><w:p>%s</w:p></w:tc>' % run(c) for c in row) + '</w:tr>')
            out.append('</w:tbl>\n')
        else:
            # A paragraph split over runs, with a tab, a deleted word and a
            # run marked with the language.
            half = text.find(" ", len(text) // 2)
            out.append('<w:p><w:pPr><w:rPr><w:lang w:val="%s"/></w:rPr></w:pPr>%s<w:del><w:r><w:delText>DELETED</w:delText></w:r></w:del>%s</w:p>\n'
                       % (lang, run(text[:half]), run(text[half:])))
    out.append('<w:sectPr/></w:body></w:document>\n')
    return ''.join(out)


def write_docx(path, col, lang):
    # Heading styles named in the language of the version, as Word does.
    h1, h2 = ("Heading1", "Heading2") if col == 2 else ("a1", "a2")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/document.xml", docx_document(col, lang, h1, h2))
        z.writestr("word/styles.xml", STYLES % (W, lang, h1, h2))
        z.writestr("word/numbering.xml", NUMBERING)
        z.writestr("word/_rels/document.xml.rels", RELS)


ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink"')


def odt_content():
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s office:version="1.2">'
           '<office:automatic-styles>'
           '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Bulgarian"/>'
           '<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-format="1"/></text:list-style>'
           '</office:automatic-styles><office:body><office:text>\n' % ODT_NS]
    # The Bulgarian list is numbered by its list style, the English one
    # bulleted.
    for col, style, lists in ((1, "P1", ' text:style-name="L1"'), (2, "English", "")):
        for i, item in enumerate(BRIEF):
            kind, text = item[0], item[col]
            first = kind == "li" and (i == 0 or BRIEF[i - 1][0] != "li")
            last = kind == "li" and (i + 1 == len(BRIEF) or BRIEF[i + 1][0] != "li")
            if kind in ("h1", "h2"):
                out.append('<text:h text:style-name="%s" text:outline-level="%s">%s</text:h>\n'
                           % (style, kind[1], escape(text)))
            elif kind == "li":
                out.append('%s<text:list-item><text:p text:style-name="%s">%s</text:p></text:list-item>%s\n'
                           % ('<text:list%s>' % lists if first else '', style, escape(text),
                              '</text:list>' if last else ''))
            elif kind == "link":
                out.append('<text:p text:style-name="%s"><text:a xlink:href="%s">%s</text:a></text:p>\n'
                           % (style, GUIDE, escape(text)))
            elif kind == "table":
                out.append('<table:table>')
                for row in text:
                    out.append('<table:table-row>' + ''.join(
                        '<table:table-cell><text:p text:style-name="%s">%s</text:p></table:table-cell>' % (style, escape(c))
                        for c in row) + '</table:table-row>')
                out.append('</table:table>\n')
            else:
                half = text.find(" ", len(text) // 2)
                out.append('<text:p text:style-name="%s">%s<text:span>%s</text:span><text:s text:c="3"/>'
                           '<office:annotation><text:p>A reviewer\'s comment.</text:p></office:annotation></text:p>\n'
                           % (style, escape(text[:half]), escape(text[half:])))
    out.append('</office:text></office:body></office:document-content>\n')
    return ''.join(out)


ODT_STYLES = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles %s><office:styles>'
    '<style:default-style style:family="paragraph"><style:text-properties fo:language="en" fo:country="GB"/></style:default-style>'
    '<style:style style:name="Bulgarian" style:family="paragraph"><style:text-properties fo:language="bg" fo:country="BG"/></style:style>'
    '<style:style style:name="English" style:family="paragraph"><style:text-properties fo:language="en" fo:country="GB"/></style:style>'
    '</office:styles></office:document-styles>\n' % ODT_NS)


def write_odt(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", odt_content())
        z.writestr("styles.xml", ODT_STYLES)


def write_damaged(out):
    with open(out + "/not-a-zip.docx", "w") as f:
        f.write("This is a plain text file that someone named .docx by mistake.\n")
    data = open(out + "/brief.en.docx", "rb").read()
    with open(out + "/truncated.docx", "wb") as f:
        f.write(data[:len(data) // 2])
    with zipfile.ZipFile(out + "/no-document.docx", "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/styles.xml", STYLES % (W, "en", "Heading1", "Heading2"))
    with zipfile.ZipFile(out + "/encrypted.docx", "w") as z:
        z.writestr("word/document.xml", "\x00" * 64)
    # Mark the member encrypted (general purpose flag bit 0) in its local
    # header and in the central directory, as an encrypting zip tool does.
    data = bytearray(open(out + "/encrypted.docx", "rb").read())
    data[6] |= 1
    cd = data.find(b"PK\x01\x02")
    data[cd + 8] |= 1
    open(out + "/encrypted.docx", "wb").write(bytes(data))
    # The English document.xml cut off inside the paragraph after "Results
    # so far", as a program that dies while saving leaves it.
    xml = docx_document(2, "en-GB", "Heading1", "Heading2")
    with zipfile.ZipFile(out + "/cut.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/document.xml", xml[:xml.find("The agency will hold") + 10])
    with zipfile.ZipFile(out + "/bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document %s>" % W + " " * (20 << 20) + "</w:document>")
    with zipfile.ZipFile(out + "/huge.docx", "w", zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", "<w:document %s><w:body/></w:document>" % W)
    # The central directory's uncompressed size (at +24) says 250 MB.
    data = bytearray(open(out + "/huge.docx", "rb").read())
    struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, 250 << 20)
    open(out + "/huge.docx", "wb").write(bytes(data))


if __name__ == "__main__":
    out = sys.argv[1]
    write_docx(out + "/brief.bg.docx", 1, "bg-BG")
    write_docx(out + "/brief.en.docx", 2, "en-GB")
    write_odt(out + "/brief.odt")
    write_damaged(out)
