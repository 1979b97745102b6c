"""Page chrome: the lines and fragments around an article that are not the article.

Import step 3 (with `byline`). Chrome is recognised by what it says, since saved text
has no markup left: the 【字体：大 中 小】【打印】【关闭窗口】 controls (also when saving broke
them into "【字体: 打印"), share bars, related news and previous/next links, footers
(版权所有, ICP 备案, 网站标识码, 主办单位), and the HTML comment markers a text export leaves
behind (a leading `-->`). Traditional spellings (字體, 關閉, 版權所有) are folded to simplified
first. The HTML reader also drops elements by their class or id (`CHROME_WORDS`).
"""

from __future__ import annotations

import re

from .page import words

# Words a control bar is made of; a line made only of these (and punctuation, digits) is chrome
# when it also holds one of `_CONTROL_MARKERS`, so a paragraph "大" alone stays text.
_CONTROL_WORDS = words(
    "字体 字号 大 中 小 默认 标准 超大 放大 缩小 打印本页 打印此页 打印正文 打印 列印"
    " 关闭窗口 关闭视窗 关闭本页 关闭 收藏本页 加入收藏 收藏 返回顶部 回到顶部 顶部 返回"
    " 我要纠错 纠错 分享到 分享 转发到 转发 扫一扫 在手机上打开 手机扫码 用手机看 微信"
    " 朋友圈 微博 新浪微博 腾讯微博 QQ空间 QQ好友 QQ 人人网 豆瓣 Facebook Twitter"
    " 视力保护色 护眼模式 背景色 无障碍 浏览次数 阅读次数 点击数 点击量 浏览量 阅读量"
    " 访问量 次 保存本页 保存 字 体 号 A T"
)
_CONTROL_MARKERS = re.compile(
    r"字体|字号|打印|列印|关闭|分享|收藏|纠错|转发|扫一扫|护眼|保护色|"
    r"浏览次数|阅读次数|点击数|点击量|浏览量|阅读量|访问量"
)
_CONTROL_LINE = re.compile(
    r"(?:" + "|".join(sorted(map(re.escape, _CONTROL_WORDS), key=len, reverse=True)) + r")"
    r"|[\s【】\[\]〔〕()（）<>《》:：|｜/\\·•,，、;；.。!！*\-—_=+\d]",
    re.IGNORECASE,
)
# Bracketed controls inside a longer line (the metadata line usually ends with them).
CONTROL_FRAGMENT = re.compile(
    r"[【\[]\s*(?:字体|字号)[^】\]]*(?:[】\]]|$)"
    r"|[【\[]\s*(?:打印(?:本页|此页|正文)?|列印|关闭(?:窗口|视窗|本页)?|收藏(?:本页)?|加入收藏|返回顶部|返回|"
    r"我要纠错|纠错|大|中|小|默认|视力保护色|保存(?:本页)?)\s*[】\]]"
    r"|(?:浏览次数|阅读次数|点击数|点击量|浏览量|阅读量|访问量|阅读)\s*[:：]?\s*\d+\s*次?"
)
# A line that is only an HTML comment marker or a script's CDATA fence.
_COMMENT_LINE = re.compile(r"^(?:<!--.*?-->|<!--|-->|//\s*-->|//\s*<!\[CDATA\[|//\s*\]\]>|\]\]>)$")
_COMMENT_PREFIX = re.compile(r"^(?:-->|<!--)\s*")
# Lines where the article has ended: related news, previous/next, the site footer.
_END_START = re.compile(
    r"^[【\[(（]?\s*(?:相关新闻|相关链接|相关文章|相关阅读|相关信息|相关稿件|相关报道|延伸阅读|"
    r"推荐阅读|热点推荐|热门文章|热点新闻|猜你喜欢|上一篇|下一篇|上一条|下一条|上一页|下一页)"
)
_FOOTER = re.compile(
    r"版权所有(?![权者人])|版权归|Copyright|©|ICP\s*[备证]|公网安备|网站标识码|主办单位|承办单位|"
    r"^主办\s*[:：]|^承办\s*[:：]|技术支持\s*[:：]|^(?:联系我们|网站地图|网站声明|隐私声明|关于我们)|"
    r"建议使用.*浏览器|最佳分辨率",
    re.IGNORECASE,
)
# The longest a footer or end-marker line is; a longer line is a paragraph that mentions one.
_SHORT = 120

# Class and id words of chrome elements (split at spaces, - and _): share bars, related news,
# print and close buttons, font-size controls, paging, comments, footers, navigation.
CHROME_WORDS = frozenset(
    words(
        "share bdshare bdsharebuttonbox fenxiang jiathis sharebox related relate relevant xgxw"
        " xgwz xglj xgxx print dayin close guanbi fontsize zihao pager pagination prevnext sxp"
        " comment comments pinglun footer foot copyright banquan nav navbar menu breadcrumb"
        " breadcrumbs crumb crumbs position location dqwz sidebar qrcode ewm erweima toolbar"
        " tools advert ads banner"
    )
)


# Traditional characters of the chrome words, folded to simplified (one for one) before matching,
# so that 【字體：大 中 小】【關閉視窗】 and 版權所有 are recognised on Big5 pages too.
_FOLD = str.maketrans(
    "體號關閉視頁頂錯轉發權歸網標識碼辦單聯術圖閱讀擊點瀏覽數訪問聞鏈連結薦熱門條與題護鍵紐寬轉頭為",
    "体号关闭视页顶错转发权归网标识码办单联术图阅读击点浏览数访问闻链连结荐热门条与题护键纽宽转头为",
)


def fold(text: str) -> str:
    """Traditional chrome words in simplified spelling, one character for one."""
    return text.translate(_FOLD)


def strip_comment_prefix(line: str) -> str:
    """A line without a leading `-->` or `<!--` left over from a page's HTML comments."""
    return _COMMENT_PREFIX.sub("", line)


def strip_controls(line: str) -> str:
    """A line without bracketed controls (【打印】) and view counters (浏览次数：12)."""
    folded = fold(line)
    if folded == line:
        return re.sub(r"\s{2,}", " ", CONTROL_FRAGMENT.sub(" ", line)).strip()
    kept = list(line)
    for match in CONTROL_FRAGMENT.finditer(folded):
        kept[match.start() : match.end()] = [" "] * (match.end() - match.start())
    return re.sub(r"\s{2,}", " ", "".join(kept)).strip()


def is_chrome(line: str) -> bool:
    """A line that is only page chrome: a comment marker or a control or share bar."""
    if _COMMENT_LINE.match(line):
        return True
    line = fold(line)
    return bool(_CONTROL_MARKERS.search(line)) and not _CONTROL_LINE.sub("", line)


def ends_article(line: str) -> bool:
    """A line after which nothing is article any more: related news, paging, the footer."""
    if len(line) > _SHORT:
        return False
    line = fold(line)
    return bool(_END_START.match(line) or _FOOTER.search(line))


def chrome_words(value: str) -> bool:
    """Whether a class or id attribute value names a chrome element."""
    return any(word in CHROME_WORDS for word in re.split(r"[\s_-]+", value.lower()) if word)
