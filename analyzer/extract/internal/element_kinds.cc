#include "analyzer/extract/internal/element_kinds.h"

namespace sightline::analyzer::internal {

bool SkipsContent(myhtml_tag_id_t tag) {
  return tag == MyHTML_TAG_SCRIPT || tag == MyHTML_TAG_STYLE || tag == MyHTML_TAG_IFRAME ||
         tag == MyHTML_TAG_NOEMBED || tag == MyHTML_TAG_NOFRAMES || tag == MyHTML_TAG_TITLE;
}

bool TypedBlock(myhtml_tag_id_t tag, BlockKind* kind) {
  switch (tag) {
    case MyHTML_TAG_H1:
    case MyHTML_TAG_H2:
    case MyHTML_TAG_H3:
    case MyHTML_TAG_H4:
    case MyHTML_TAG_H5:
    case MyHTML_TAG_H6:
      *kind = BlockKind::kHeading;
      return true;
    case MyHTML_TAG_P:
      *kind = BlockKind::kParagraph;
      return true;
    case MyHTML_TAG_LI:
    case MyHTML_TAG_DT:
    case MyHTML_TAG_DD:
      *kind = BlockKind::kListItem;
      return true;
    case MyHTML_TAG_TD:
    case MyHTML_TAG_TH:
      *kind = BlockKind::kTableCell;
      return true;
    case MyHTML_TAG_BLOCKQUOTE:
      *kind = BlockKind::kBlockquote;
      return true;
    case MyHTML_TAG_CAPTION:
    case MyHTML_TAG_FIGCAPTION:
      *kind = BlockKind::kCaption;
      return true;
    default:
      return false;
  }
}

bool ContainerBlock(myhtml_tag_id_t tag) {
  switch (tag) {
    case MyHTML_TAG_HTML:
    case MyHTML_TAG_BODY:
    case MyHTML_TAG_HEAD:
    case MyHTML_TAG_DIV:
    case MyHTML_TAG_SECTION:
    case MyHTML_TAG_ARTICLE:
    case MyHTML_TAG_MAIN:
    case MyHTML_TAG_HEADER:
    case MyHTML_TAG_FOOTER:
    case MyHTML_TAG_NAV:
    case MyHTML_TAG_ASIDE:
    case MyHTML_TAG_FORM:
    case MyHTML_TAG_FIELDSET:
    case MyHTML_TAG_LEGEND:
    case MyHTML_TAG_DETAILS:
    case MyHTML_TAG_SUMMARY:
    case MyHTML_TAG_FIGURE:
    case MyHTML_TAG_TABLE:
    case MyHTML_TAG_TBODY:
    case MyHTML_TAG_THEAD:
    case MyHTML_TAG_TFOOT:
    case MyHTML_TAG_TR:
    case MyHTML_TAG_UL:
    case MyHTML_TAG_OL:
    case MyHTML_TAG_DL:
    case MyHTML_TAG_PRE:
    case MyHTML_TAG_ADDRESS:
    case MyHTML_TAG_CENTER:
    case MyHTML_TAG_HR:
    case MyHTML_TAG_MENU:
    case MyHTML_TAG_HGROUP:
    case MyHTML_TAG_SELECT:
    case MyHTML_TAG_OPTION:
    case MyHTML_TAG_TEXTAREA:
    case MyHTML_TAG_NOSCRIPT:
    case MyHTML_TAG_TEMPLATE:
    case MyHTML_TAG_SVG:
    case MyHTML_TAG_MATH:
      return true;
    default:
      return false;
  }
}

}  // namespace sightline::analyzer::internal
