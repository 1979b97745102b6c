"""Three small saved sites, each in the markup of one kind of CMS, made by the tests.

- `trs_site`: a district government site on TRS WCM, saved by `wget --mirror` (a host folder,
  `#zoom` and `.TRS_Editor` bodies, breadcrumbs, `t20181116_5124.html` names in month folders,
  print twins `…_print.html` with a canonical link, GBK news and a UTF-8 notices section);
- `article_site`: a library's newer site with `div.article` bodies and no breadcrumb (the
  category comes from the folders, named by their list pages), UTF-8 and a GB2312 part, an
  article saved under two names (`?from=home`, wget's `@` name), a date only in the URL;
- `table_site`: a 2000s table-layout site (no body class at all), GB2312 and a UTF-8 part,
  `printpage.asp@id=…` twins, dates written 2005年3月16日 星期三 and 二〇〇五年四月一日.

Each has list and paging pages, images with captions in that CMS's markup, decorative images
(logo, share icons, QR code, spacer), an image that is missing, a remote image, and a page
whose bytes no encoding reads. `Expected` says what an import must find.
"""

# The pages are written as a CMS writes them, a long line each: E501 does not apply.
# ruff: noqa: E501

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from pathlib import Path

_FOOTER = (
    '<div class="footer"><p>主办单位：{site}　版权所有：{site}　吉ICP备05001234号</p>'
    '<img src="/images/ewm.png" alt="微信公众号二维码"></div>'
)


def png(width: int, height: int, shade: int) -> bytes:
    """A small solid-grey PNG (real image bytes for EPUBCheck), `shade` 0-255."""
    raw = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    stream = io.BytesIO()
    stream.write(b"\x89PNG\r\n\x1a\n")
    stream.write(chunk(b"IHDR", header))
    stream.write(chunk(b"IDAT", zlib.compress(raw)))
    stream.write(chunk(b"IEND", b""))
    return stream.getvalue()


SPACER_GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


@dataclass(frozen=True)
class Expected:
    """What importing a site must give."""

    pages: int
    articles: dict[str, tuple[str, tuple[str, ...], str, bool]]
    """Source name -> (title, category, date as YYYY-MM-DD, date guessed)."""
    listings: int
    duplicates: int
    failed: tuple[str, ...]
    """The failing pages' names."""
    figures: dict[str, tuple[tuple[str, str], ...]]
    """Source name -> its figures' (alt, caption), in order."""
    images: int
    """Image files copied (one per content)."""
    missing: tuple[str, ...]
    """The image URLs reported as not in the mirror."""
    title: str
    """The collection's title (the site's name)."""


def _write(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


def _broken(path: Path, text: str) -> None:
    """A GBK page with bytes that no Chinese encoding reads in the middle of its text."""
    data = text.encode("gbk")
    cut = data.index("第二段".encode("gbk"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data[:cut] + b"\xff\xfe\xff" + data[cut:])


# --------------------------------------------------------------------------- TRS


def _trs_page(
    title: str,
    crumbs: list[str],
    info: str,
    body: str,
    *,
    charset: str,
    canonical: str = "",
    site: str = "绿园区人民政府",
) -> str:
    links = "".join(f' &gt; <a href="/{i}/">{c}</a>' for i, c in enumerate(crumbs))
    crumb = (
        f'<div class="position">您当前的位置：<a href="/">首页</a>{links}</div>' if crumbs else ""
    )
    canonical_link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_{site}</title>{canonical_link}
<script>function doZoom(s){{}}</script></head>
<body><div class="header"><img src="/images/logo.png" alt="{site}"><ul class="menu">
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/xwzx/">新闻中心</a></li></ul></div>
<div class="main">{crumb}
<div class="detail"><h2 class="title">{title}</h2>
<div class="info">{info}【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】【<a href="javascript:window.print()">打印</a>】</div>
<div id="zoom"><div class="TRS_Editor">
{body}
</div></div>
<div class="bdsharebuttonbox">分享到：<a class="bds_weixin"><img src="/images/share_wx.png" alt="微信"></a></div>
</div></div>{_FOOTER.format(site=site)}</body></html>"""


def _trs_list(title: str, items: list[tuple[str, str, str]], *, charset: str, page: int = 1) -> str:
    entries = "".join(
        f'<li><a href="{href}" title="{text}">{text}</a><span>{day}</span></li>'
        for href, text, day in items
    )
    paging = (
        f'<div class="page">共2页 第{page}页 <a href="index.html">首页</a> '
        '<a href="index_1.html">下一页</a> <a href="index_1.html">尾页</a></div>'
    )
    return f"""<html><head><meta charset="{charset}"><title>{title}_绿园区人民政府</title></head>
<body><div class="header"><img src="/images/logo.png" alt="绿园区人民政府"></div>
<div class="position">您当前的位置：<a href="/">首页</a> &gt; {title}</div>
<div class="list"><ul>{entries}</ul>{paging}</div>{_FOOTER.format(site="绿园区人民政府")}</body></html>"""


def trs_site(root: Path) -> Expected:
    """The TRS mirror under `root` (a `www.lvyuan.gov.cn` host folder, as wget saves it)."""
    host = root / "www.lvyuan.gov.cn"
    images = host / "images"
    images.mkdir(parents=True)
    (images / "logo.png").write_bytes(png(120, 40, 10))
    (images / "share_wx.png").write_bytes(png(16, 16, 20))
    (images / "ewm.png").write_bytes(png(90, 90, 30))
    uploads = host / "zwgk" / "ldhd" / "201811"
    uploads.mkdir(parents=True)
    (uploads / "W020181116_01.png").write_bytes(png(60, 40, 200))
    (uploads / "W020181116_02.png").write_bytes(png(60, 40, 150))
    (host / "zwgk" / "spacer.gif").write_bytes(SPACER_GIF)

    visit_body = """<p>　　11月16日，区长王晓东带队到<strong>长春绿园经济开发区</strong>调研项目建设情况。详见<a href="/zwgk/ldhd/201811/t20181110_5100.html">上周的调研</a>和<a href="http://www.jl.gov.cn/">吉林省人民政府网站</a>。</p>
<p style="text-align: center"><img src="./W020181116_01.png" alt="" border="0"></p>
<p style="text-align: center">王晓东在项目现场听取汇报</p>
<p>　　王晓东指出，要抢抓施工黄金期，倒排工期、挂图作战，确保项目早竣工、早投产。</p>
<p><img src="/zwgk/spacer.gif" width="1" height="1"></p>
<p style="text-align:center"><img src="W020181116_02.png" alt="开发区规划展板" title="开发区规划展板"><br><span style="text-align:center">开发区规划展板前的讨论</span></p>
<p>　　调研中，王晓东一行还察看了<a href="/zwgk/ldhd/list.html">多个项目</a>的配套设施建设情况。</p>
<p><img src="http://img.lvyuan.gov.cn/2018/11/remote.jpg" alt="远程图片"></p>"""
    earlier_body = """<p>　　11月10日，区委副书记、区长王晓东到西新镇调研秋季农业生产和秸秆综合利用工作，要求各部门强化服务、形成合力。</p>
<p style="text-align:center"><img src="W020181110_missing.png" alt="西新镇秸秆打包现场"></p>
<p style="text-align:center">西新镇秸秆打包现场</p>"""
    pages = {
        "zwgk/ldhd/201811/t20181116_5124.html": _trs_page(
            "王晓东到经济开发区调研项目建设",
            ["政务公开", "领导活动"],
            "发布时间：2018-11-16 09:15 来源：区政府办 ",
            visit_body,
            charset="gbk",
            canonical="http://www.lvyuan.gov.cn/zwgk/ldhd/201811/t20181116_5124.html",
        ),
        "zwgk/ldhd/201811/t20181116_5124_print.html": _trs_page(
            "王晓东到经济开发区调研项目建设",
            [],
            "发布时间：2018-11-16 09:15 来源：区政府办 ",
            visit_body,
            charset="gbk",
            canonical="http://www.lvyuan.gov.cn/zwgk/ldhd/201811/t20181116_5124.html",
        ),
        "zwgk/ldhd/201811/t20181110_5100.html": _trs_page(
            "王晓东到西新镇调研秋季农业生产",
            ["政务公开", "领导活动"],
            "发布时间：2018-11-10 来源：区政府办 ",
            earlier_body,
            charset="gb2312",
        ),
        "zwgk/ldhd/201811/t20181110_5100_print.html": _trs_page(
            "王晓东到西新镇调研秋季农业生产",
            [],
            "发布时间：2018-11-10 来源：区政府办 ",
            earlier_body,
            charset="gb2312",
        ),
    }
    for name, text in pages.items():
        _write(host / name, text, "gbk")
    notice = """<p>　　根据工作安排，区政务服务中心将于2018年12月1日起迁至新址办公。</p>
<p>地址：绿园区青年路1399号<br>电话：0431-87654321<br>邮编：130062</p>
<table border="1"><tr><td>窗口</td><td>办理事项</td></tr><tr><td>1号</td><td>企业开办</td></tr><tr><td>2号</td><td>社保医保</td></tr></table>
<p>　　特此通知。</p>
<p style="text-align:right">绿园区政务服务中心</p>
<p style="text-align:right">二〇一八年十一月二十日</p>"""
    _write(
        host / "zwgk/tzgg/201811/t20181120_5130.html",
        _trs_page(
            "关于区政务服务中心迁址办公的通知",
            ["政务公开", "通知公告"],
            "日期：二〇一八年十一月二十日 ",
            notice,
            charset="utf-8",
        ),
    )
    _broken(
        host / "zwgk/tzgg/201811/t20181121_5131.html",
        _trs_page(
            "关于开展冬季消防检查的通知",
            ["政务公开", "通知公告"],
            "发布时间：2018-11-21 ",
            "<p>　　第一段：冬季是火灾多发季节。</p><p>　　第二段：请各单位认真自查。</p>",
            charset="gbk",
        ),
    )
    ldhd = [
        ("201811/t20181116_5124.html", "王晓东到经济开发区调研项目建设", "2018-11-16"),
        ("201811/t20181110_5100.html", "王晓东到西新镇调研秋季农业生产", "2018-11-10"),
    ] * 4
    _write(host / "zwgk/ldhd/index.html", _trs_list("领导活动", ldhd, charset="gbk"), "gbk")
    _write(
        host / "zwgk/ldhd/index_1.html", _trs_list("领导活动", ldhd, charset="gbk", page=2), "gbk"
    )
    tzgg = [("201811/t20181120_5130.html", "关于区政务服务中心迁址办公的通知", "2018-11-20")] * 8
    _write(host / "zwgk/tzgg/index.html", _trs_list("通知公告", tzgg, charset="utf-8"))
    _write(host / "index.html", _trs_list("绿园区人民政府", ldhd + tzgg, charset="utf-8"))
    return Expected(
        pages=10,
        articles={
            "t20181110-5100": (
                "王晓东到西新镇调研秋季农业生产",
                ("政务公开", "领导活动"),
                "2018-11-10",
                False,
            ),
            "t20181116-5124": (
                "王晓东到经济开发区调研项目建设",
                ("政务公开", "领导活动"),
                "2018-11-16",
                False,
            ),
            "t20181120-5130": (
                "关于区政务服务中心迁址办公的通知",
                ("政务公开", "通知公告"),
                "2018-11-20",
                False,
            ),
        },
        listings=4,
        duplicates=2,
        failed=("t20181121_5131.html",),
        figures={
            "t20181116-5124": (
                ("王晓东在项目现场听取汇报", "王晓东在项目现场听取汇报"),
                ("开发区规划展板", "开发区规划展板前的讨论"),
            ),
        },
        images=2,
        missing=("W020181110_missing.png", "http://img.lvyuan.gov.cn/2018/11/remote.jpg"),
        title="绿园区人民政府",
    )


# --------------------------------------------------------------------------- div.article


def _modern_page(title: str, meta: str, body: str, *, charset: str) -> str:
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="{charset}">
<title>{title} - 春城图书馆</title></head><body>
<header><img class="site-logo" src="/static/logo.svg" alt="春城图书馆"><nav><a href="/">首页</a><a href="/news/">新闻中心</a></nav></header>
<main><div class="article"><h1>{title}</h1><div class="meta">{meta}</div>
<div class="article-body">{body}</div>
<div class="share"><img src="/static/weibo.png" alt="分享到微博"></div></div></main>
<footer>版权所有 春城图书馆 <img src="/static/qrcode.png" alt="扫一扫关注"></footer></body></html>"""


def _modern_list(title: str, items: list[tuple[str, str]], *, charset: str = "utf-8") -> str:
    entries = "".join(f'<li><a href="{h}">{t}</a> <time>2019-05-12</time></li>' for h, t in items)
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title} - 春城图书馆</title></head>
<body><header><nav><a href="/">首页</a><a href="/news/">新闻中心</a></nav></header>
<main><div class="content"><h1>{title}</h1><ul class="news-list">{entries}</ul>
<div class="pagination"><a href="?page=2">下一页</a></div></div></main></body></html>"""


def article_site(root: Path) -> Expected:
    """The div.article site under `root` (saved without a host folder)."""
    static = root / "static"
    static.mkdir(parents=True)
    (static / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (static / "weibo.png").write_bytes(png(16, 16, 40))
    (static / "qrcode.png").write_bytes(png(80, 80, 50))
    photos = root / "uploads" / "2019"
    photos.mkdir(parents=True)
    reading = png(80, 50, 220)
    (photos / "reading.png").write_bytes(reading)
    (photos / "reading-copy.png").write_bytes(reading)  # the same photo under another name
    poem = """<p>开幕式上，小读者朗诵了《春晓》：</p>
<p>春眠不觉晓，<br>处处闻啼鸟。<br>夜来风雨声，<br>花落知多少。</p>
<p>全场响起热烈的掌声。活动将持续到五月底，欢迎市民<b>带上借书证</b>参加。</p>"""
    _write(
        root / "news/culture/2019/reading-week.html",
        _modern_page(
            "春城图书馆举办读书周活动",
            "发布时间：2019/05/12 作者：刘洋",
            """<p>5月12日，春城图书馆第十届读书周开幕，共有三十余项活动。</p>
<figure><img src="/uploads/2019/reading.png" alt="小读者在阅览室读书"><figcaption>阅览室里的小读者</figcaption></figure>"""
            + poem,
            charset="utf-8",
        ),
    )
    same = _modern_page(
        "少儿阅览室重新开放",
        "二〇一九年五月二十日 星期一",
        """<p>经过两个月的改造，少儿阅览室于5月20日重新开放，新增座位一百二十个。</p>
<p style="text-align:center"><img src="../../uploads/2019/reading-copy.png" alt="改造后的少儿阅览室"></p>
<p style="text-align:center"><span>改造后的少儿阅览室</span></p>""",
        charset="utf-8",
    )
    _write(root / "news/culture/kids-room.html", same)
    _write(root / "news/culture/kids-room.html@from=home.html", same)
    _write(
        root / "news/notice/20190601_closing.html",
        _modern_page(
            "端午节闭馆通知",
            "",
            "<p>端午节期间（6月7日）本馆闭馆一天，6月8日起照常开放。给读者带来的不便，敬请谅解。</p>"
            '<p><img src="/uploads/2019/holiday.png" alt="闭馆海报"></p>',
            charset="gb2312",
        ),
        "gb2312",
    )
    _broken(
        root / "news/notice/20190610_broken.html",
        _modern_page(
            "暑期开放时间调整",
            "发布时间：2019/06/10",
            "<p>第一段：暑期开放时间调整如下。</p><p>第二段：每天九点开馆。</p>",
            charset="gbk",
        ),
    )
    _write(
        root / "news/index.html",
        _modern_list("新闻中心", [("culture/reading-week.html", "春城图书馆举办读书周活动")] * 9),
    )
    _write(
        root / "news/culture/index.html",
        _modern_list("文化动态", [("kids-room.html", "少儿阅览室重新开放")] * 9),
    )
    _write(
        root / "news/notice/index.html",
        _modern_list(
            "通知公告", [("20190601_closing.html", "端午节闭馆通知")] * 9, charset="gb2312"
        ),
        "gb2312",
    )
    return Expected(
        pages=8,
        articles={
            "reading-week": (
                "春城图书馆举办读书周活动",
                ("新闻中心", "文化动态"),
                "2019-05-12",
                False,
            ),
            "kids-room": ("少儿阅览室重新开放", ("新闻中心", "文化动态"), "2019-05-20", False),
            "20190601-closing": ("端午节闭馆通知", ("新闻中心", "通知公告"), "2019-06-01", True),
        },
        listings=3,
        duplicates=1,
        failed=("20190610_broken.html",),
        figures={
            "reading-week": (("小读者在阅览室读书", "阅览室里的小读者"),),
            "kids-room": (("改造后的少儿阅览室", "改造后的少儿阅览室"),),
        },
        images=1,
        missing=("/uploads/2019/holiday.png",),
        title="春城图书馆",
    )


# --------------------------------------------------------------------------- tables, 2000s


def _table_page(title: str, date_line: str, body: str, *, charset: str, crumb: bool = True) -> str:
    position = (
        '<tr><td class="nav">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/news/">新闻动态</a>'
        " &gt;&gt; 正文</td></tr>"
        if crumb
        else ""
    )
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}--青山县教育信息网</title></head>
<body bgcolor="#FFFFFF"><table width="778" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td><img src="/images/top_banner.jpg" width="778" height="120"></td></tr>{position}
<tr><td><table width="100%" border="0"><tr><td width="10"><img src="/images/spacer.gif" width="10" height="1"></td>
<td><table width="100%"><tr><td align="center"><font size="4"><b>{title}</b></font></td></tr>
<tr><td align="center">{date_line}　【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
<tr><td>{body}</td></tr></table></td></tr></table></td></tr>
<tr><td align="center">版权所有：青山县教育局　技术支持：青山网络</td></tr></table></body></html>"""


def table_site(root: Path) -> Expected:
    """The table-layout site under `root`."""
    (root / "images").mkdir(parents=True)
    (root / "images" / "top_banner.jpg").write_bytes(png(100, 20, 60))
    (root / "images" / "spacer.gif").write_bytes(SPACER_GIF)
    uploads = root / "UploadFiles" / "200503"
    uploads.mkdir(parents=True)
    (uploads / "2005031612345.png").write_bytes(png(64, 48, 120))
    sports = """<p>　　3月16日，青山县第五届中小学生运动会在县体育场开幕，全县32所学校的1200余名运动员参加比赛。</p>
<p align="center"><img src="../../UploadFiles/200503/2005031612345.png" border="0"></p>
<p align="center"><font color="#0000ff">开幕式上的入场仪式</font></p>
<p>　　本届运动会设田径、跳绳、拔河等项目，为期三天。</p>"""
    _write(
        root / "news/200503/20050316001.htm",
        _table_page("县第五届中小学生运动会开幕", "2005年3月16日 星期三", sports, charset="gb2312"),
        "gb2312",
    )
    _write(
        root / "printpage.asp@id=20050316001.htm",
        _table_page(
            "县第五届中小学生运动会开幕",
            "2005年3月16日 星期三",
            sports,
            charset="gb2312",
            crumb=False,
        ),
        "gb2312",
    )
    exam = """<p>　　各中小学：</p>
<p>　　经研究，全县初中毕业升学考试定于6月18日至20日举行。请各校做好考生报名、考务培训等准备工作。</p>
<p><img src="/UploadFiles/200504/notice.png" alt="考试安排表"></p>"""
    _write(
        root / "news/200504/20050401002.htm",
        _table_page("关于做好2005年中考工作的通知", "二〇〇五年四月一日", exam, charset="utf-8"),
    )
    _broken(
        root / "news/200504/20050405003.htm",
        _table_page(
            "县教育局召开安全工作会议",
            "2005年4月5日",
            "<p>　　第一段：县教育局召开全县学校安全工作会议。</p><p>　　第二段：会议要求各校排查隐患。</p>",
            charset="gbk",
        ),
    )
    entries = "".join(
        f'<tr><td><img src="/images/dot.gif"> <a href="200503/20050316001.htm">县第五届中小学生运动会开幕</a></td><td>2005-3-{d}</td></tr>'
        for d in range(1, 12)
    )
    listing = f"""<html><head><meta charset="gb2312"><title>新闻动态--青山县教育信息网</title></head>
<body><table><tr><td>当前位置：<a href="/">首页</a> &gt;&gt; 新闻动态</td></tr>
<tr><td><table>{entries}</table></td></tr><tr><td>共3页 <a href="list.asp@page=2.htm">下一页</a></td></tr></table></body></html>"""
    _write(root / "news/index.htm", listing, "gb2312")
    _write(root / "news/list.asp@page=2.htm", listing, "gb2312")
    return Expected(
        pages=6,
        articles={
            "20050316001": ("县第五届中小学生运动会开幕", ("新闻动态",), "2005-03-16", False),
            "20050401002": ("关于做好2005年中考工作的通知", ("新闻动态",), "2005-04-01", False),
        },
        listings=2,
        duplicates=1,
        failed=("20050405003.htm",),
        figures={"20050316001": (("开幕式上的入场仪式", "开幕式上的入场仪式"),)},
        images=1,
        missing=("/UploadFiles/200504/notice.png",),
        title="青山县教育信息网",
    )


SITES = {"trs": trs_site, "article": article_site, "table": table_site}
