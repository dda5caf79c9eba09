"""Write the generated part of the sample corpus in examples/news/: .html.gz pages, feed.jsonl, crawl.warc.gz.

The stories are illustrative, fictional wire copy written for Annales (see examples/news/README.md).
Output is deterministic (gzip mtime 0, fixed WARC record ids and dates), so re-running the script
changes nothing unless the texts below change.

    python tools/make_sample_corpus.py            # writes into examples/news/
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "examples" / "news"


def _page(title: str, site: str, published: str | None, paragraphs: list[str], *, date_tag: str = "meta") -> str:
    """A small news page with navigation, an article and a footer."""
    head = f"<title>{title} | {site}</title><meta property='og:site_name' content='{site}'>"
    if published and date_tag == "meta":
        head += f"<meta property='article:published_time' content='{published}'>"
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    stamp = f"<p><time datetime='{published}'>{published}</time></p>" if published and date_tag == "time" else ""
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>"
        f"<nav><a href='/'>{site}</a> <a href='/world'>World</a> <a href='/login'>Sign in</a></nav>"
        f"<article><h1>{title}</h1>{stamp}{body}</article>"
        f"<aside><h3>Most read</h3><ul><li><a href='/x'>Weather: a mild week ahead</a></li></ul></aside>"
        f"<footer>&copy; {site}</footer></body></html>"
    )


HTML_GZ_PAGES: dict[str, str] = {
    "minsk-ceasefire-deal.html.gz": _page(
        "Leaders agree Ukraine ceasefire after all-night talks in Minsk",
        "Northern Gazette",
        "2015-02-12T14:30:00+00:00",
        [
            "MINSK - The leaders of Russia, Ukraine, Germany and France agreed on Thursday on a ceasefire in "
            "eastern Ukraine to begin at midnight on February 15, after talks in the Belarusian capital that "
            "lasted through the night.",
            "German Chancellor Angela Merkel said the deal offered a glimmer of hope but that big obstacles "
            "remained. French President Francois Hollande said the coming hours would be decisive.",
            "Ukrainian President Petro Poroshenko said the agreement provided for the withdrawal of heavy weapons "
            "from the front line, while Russian President Vladimir Putin said Kiev should carry out constitutional "
            "reform giving more rights to the rebel-held regions.",
            "Separatist leaders signed the document, but fighting continued around the town of Debaltseve, and "
            "Kiev accused the rebels of launching new attacks hours after the talks ended.",
        ],
    ),
    "iran-nuclear-deal-vienna.html.gz": _page(
        "Iran and world powers reach nuclear deal in Vienna",
        "Northern Gazette",
        "2015-07-14",
        [
            "VIENNA - Iran and six world powers reached an agreement on Tuesday to limit Tehran's nuclear "
            "programme in return for the lifting of international sanctions, ending more than a decade of dispute.",
            "U.S. Secretary of State John Kerry and Iranian Foreign Minister Mohammad Javad Zarif announced the "
            "deal with the European Union's foreign policy chief Federica Mogherini after talks that ran past "
            "several deadlines since the end of June.",
            "Iranian President Hassan Rouhani said the agreement opened a new chapter in relations with the world. "
            "Israeli Prime Minister Benjamin Netanyahu called it a historic mistake and said Israel was not bound "
            "by it.",
            "Under the deal, inspectors of the International Atomic Energy Agency will monitor Iranian sites, and "
            "sanctions could be restored if Iran violates its commitments.",
        ],
        date_tag="time",
    ),
}

_PULWAMA_HTML = _page(
    "India accuses Pakistan after deadly Kashmir bombing",
    "Subcontinent Monitor",
    None,
    [
        "NEW DELHI - India accused Pakistan on Friday of involvement in a suicide bombing that killed at least "
        "40 paramilitary police in Kashmir the day before, and said it would isolate its neighbour diplomatically.",
        "Prime Minister Narendra Modi said the security forces had been given a free hand to respond and that "
        "those behind the attack would pay a heavy price. India withdrew trade privileges it had granted to "
        "Pakistan and recalled its envoy from Islamabad for consultations.",
        "Pakistan's Foreign Office rejected the accusation and denied any link to the attack, which was claimed "
        "by the militant group Jaish-e-Mohammad.",
    ],
)

FEED: list[dict[str, str]] = [
    {
        "title": "Trump and Kim pledge to work towards denuclearisation at Singapore summit",
        "published": "2018-06-12",
        "source": "Pacific Ledger",
        "url": "https://pacific-ledger.example/2018/06/12/singapore-summit",
        "text": "SINGAPORE - U.S. President Donald Trump and North Korean leader Kim Jong Un met in Singapore on "
        "Tuesday, the first meeting between a sitting U.S. president and a North Korean leader.\n\n"
        "The two leaders signed a joint statement in which Kim committed to work towards the complete "
        "denuclearisation of the Korean peninsula and Trump committed to provide security guarantees to "
        "North Korea.\n\n"
        "Trump later told reporters that the United States would suspend joint military exercises with South "
        "Korea, a decision that surprised officials in Seoul. South Korean President Moon Jae-in welcomed the "
        "summit as a historic event that had broken down the last remnant of the Cold War.\n\n"
        "Japan's Prime Minister Shinzo Abe said he would raise the fate of Japanese citizens abducted by North "
        "Korea when he speaks to Trump by telephone later this week.",
    },
    {
        "published": "2019-02-15",
        "source": "Subcontinent Monitor",
        "url": "https://subcontinent-monitor.example/kashmir-bombing",
        "html": _PULWAMA_HTML,
    },
    {
        "title": "Saudi Arabia, UAE, Egypt and Bahrain cut ties with Qatar",
        "published": "2017-06-05",
        "source": "Gulf Dispatch",
        "text": "DUBAI - Saudi Arabia, the United Arab Emirates, Egypt and Bahrain cut diplomatic ties with Qatar on "
        "Monday, accusing it of supporting terrorism and of being too close to Iran.\n\n"
        "The four states closed their air, sea and land links with Qatar and gave Qatari citizens two weeks "
        "to leave their territory. Qatar's foreign ministry said the measures were unjustified and based on "
        "false claims.\n\n"
        "Kuwait's emir offered to mediate between the Gulf neighbours, and Turkish President Recep Tayyip "
        "Erdogan called for dialogue. Iran said it would send food supplies to Qatar by sea.",
    },
    {
        "title": "China protests new U.S. arms sale to Taiwan",
        "source": "Pacific Ledger",
        "text": "BEIJING - China lodged a formal protest with the United States on Thursday over a planned sale of "
        "missiles and radar equipment to Taiwan that the State Department approved two weeks ago.\n\n"
        "A Chinese foreign ministry spokesman said the sale seriously violated the one-China principle and "
        "urged Washington to cancel it immediately. Beijing said it would impose sanctions on the U.S. "
        "companies involved.\n\n"
        "Taiwan's defence ministry thanked the United States and said the weapons would strengthen the island's "
        "ability to deter an attack. The sale was first announced last month.",
    },
    {
        "title": "Merkel und Macron wollen Reform der Eurozone vorantreiben",
        "published": "2018-06-19",
        "source": "Rheinischer Bote",
        "text": "MESEBERG - Bundeskanzlerin Angela Merkel und der französische Präsident Emmanuel Macron haben sich am "
        "Dienstag auf gemeinsame Vorschläge für eine Reform der Eurozone geeinigt.\n\n"
        "Beide sprachen sich für ein eigenes Budget der Eurozone aus, dessen Höhe allerdings noch offen ist. "
        "Macron sagte, Deutschland und Frankreich hätten einen wichtigen Schritt getan. Merkel betonte, dass "
        "beide Länder auch in der Asylpolitik eng zusammenarbeiten wollten.",
    },
]

WARC_RECORDS: list[tuple[str, str, str]] = [
    (
        "https://levant-report.example/2021/05/21/gaza-ceasefire",
        "2021-05-21T09:00:00Z",
        _page(
            "Israel and Hamas agree Egyptian-brokered ceasefire",
            "Levant Report",
            "2021-05-21",
            [
                "GAZA/JERUSALEM - A ceasefire between Israel and Hamas took effect early on Friday, ending eleven "
                "days of fighting in which Israeli air strikes hit the Gaza Strip and militants fired thousands of "
                "rockets at Israeli cities.",
                "Egypt, which mediated the truce, said it would send two delegations to monitor it. Israeli Prime "
                "Minister Benjamin Netanyahu's security cabinet approved the proposal on Thursday night.",
                "U.S. President Joe Biden said the ceasefire offered a genuine opportunity for progress and pledged "
                "humanitarian aid for Gaza, to be delivered in coordination with the Palestinian Authority.",
            ],
        ),
    ),
    (
        "https://caucasus-wire.example/2023/09/20/karabakh",
        "2023-09-20T18:00:00Z",
        _page(
            "Karabakh separatists agree to lay down arms after Azerbaijani offensive",
            "Caucasus Wire",
            "2023-09-20",
            [
                "BAKU - Ethnic Armenian forces in Nagorno-Karabakh agreed on Wednesday to disarm under a ceasefire "
                "brokered by Russian peacekeepers, a day after Azerbaijan launched a military offensive in the "
                "region.",
                "Azerbaijani President Ilham Aliyev said his country had restored its sovereignty. Armenian Prime "
                "Minister Nikol Pashinyan said Armenia had not taken part in drafting the agreement and accused "
                "Baku of ethnic cleansing.",
                "Protesters gathered outside the government building in Yerevan, demanding Pashinyan's resignation. "
                "The European Union and the United States called on Azerbaijan to protect the rights of the "
                "Armenian population.",
            ],
        ),
    ),
    (
        "https://northern-gazette.example/2023/07/12/vilnius-summit",
        "2023-07-12T20:00:00Z",
        _page(
            "NATO offers Ukraine path to membership but no timetable at Vilnius summit",
            "Northern Gazette",
            "2023-07-12",
            [
                "VILNIUS - NATO leaders meeting on July 11-12 said on Wednesday that Ukraine's future lies in the "
                "alliance but set no date for its membership, disappointing President Volodymyr Zelensky, who "
                "had called the lack of a timetable absurd on Tuesday.",
                "The Group of Seven countries announced long-term security commitments to Ukraine, and Germany "
                "pledged new air defence systems. NATO Secretary General Jens Stoltenberg said the allies would "
                "invite Ukraine to join when conditions were met.",
                "The Kremlin warned that the summit's decisions would have negative consequences for European "
                "security, and Russia's foreign ministry accused the alliance of prolonging the war.",
            ],
        ),
    ),
]


def write_html_pages(out: Path) -> None:
    """The .html.gz pages, compressed with a fixed mtime."""
    for name, html in HTML_GZ_PAGES.items():
        (out / "pages" / name).write_bytes(gzip.compress(html.encode("utf-8"), mtime=0))


def write_feed(out: Path) -> None:
    """feed.jsonl, one record per line."""
    lines = [json.dumps(record, ensure_ascii=False) for record in FEED]
    (out / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_warc(out: Path) -> None:
    """crawl.warc.gz with the HTML responses and one image record (which readers skip)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    records = [(url, date, html.encode("utf-8"), "text/html; charset=utf-8") for url, date, html in WARC_RECORDS]
    records.insert(1, ("https://levant-report.example/logo.png", "2021-05-21T09:00:01Z", b"\x89PNG\r\n", "image/png"))
    for number, (url, date, payload, content_type) in enumerate(records, start=1):
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        warc_headers = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>", "WARC-Date": date}
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=warc_headers
        )
        writer.write_record(record)
    (out / "crawl.warc.gz").write_bytes(buffer.getvalue())


def main() -> int:
    """Write every generated file."""
    (OUT / "pages").mkdir(parents=True, exist_ok=True)
    write_html_pages(OUT)
    write_feed(OUT)
    write_warc(OUT)
    sys.stdout.write(f"sample corpus written to {OUT}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
