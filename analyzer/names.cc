#include <array>
#include <utility>

#include "analyzer/finding.h"
#include "analyzer/mention.h"
#include "analyzer/page_content.h"

namespace sightline::analyzer {
namespace {

constexpr std::array<std::pair<MentionType, const char*>, 15> kMentionTypeNames{{
    {MentionType::kPersonName, "person_name"},
    {MentionType::kAge, "age"},
    {MentionType::kSex, "sex"},
    {MentionType::kDate, "date"},
    {MentionType::kLocation, "location"},
    {MentionType::kAddress, "address"},
    {MentionType::kPostalCode, "postal_code"},
    {MentionType::kFacility, "facility"},
    {MentionType::kCondition, "condition"},
    {MentionType::kOccupation, "occupation"},
    {MentionType::kEvent, "event"},
    {MentionType::kRelation, "relation"},
    {MentionType::kContact, "contact"},
    {MentionType::kIdentifier, "identifier"},
    {MentionType::kOther, "other"},
}};

constexpr std::array<std::pair<FindingKind, const char*>, 6> kFindingKindNames{{
    {FindingKind::kPatientReidentification, "patient_reidentification"},
    {FindingKind::kAuthorReidentification, "author_reidentification"},
    {FindingKind::kDirectIdentifier, "direct_identifier"},
    {FindingKind::kPersonalInformation, "personal_information"},
    {FindingKind::kColleagueCriticism, "colleague_criticism"},
    {FindingKind::kAdvertisedPrivatePath, "advertised_private_path"},
}};

constexpr std::array<std::pair<Risk, const char*>, 4> kRiskNames{{
    {Risk::kLow, "low"},
    {Risk::kMedium, "medium"},
    {Risk::kHigh, "high"},
    {Risk::kCritical, "critical"},
}};

template <typename Enum, size_t N>
const char* NameOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "unknown";
}

template <typename Enum, size_t N>
std::optional<Enum> ParseName(const std::array<std::pair<Enum, const char*>, N>& table,
                              std::string_view name) {
  for (const auto& [e, n] : table) {
    if (name == n) return e;
  }
  return std::nullopt;
}

}  // namespace

const char* MentionTypeName(MentionType type) { return NameOf(kMentionTypeNames, type); }
std::optional<MentionType> ParseMentionType(std::string_view name) {
  return ParseName(kMentionTypeNames, name);
}
const char* FindingKindName(FindingKind kind) { return NameOf(kFindingKindNames, kind); }
std::optional<FindingKind> ParseFindingKind(std::string_view name) {
  return ParseName(kFindingKindNames, name);
}
const char* RiskName(Risk risk) { return NameOf(kRiskNames, risk); }
std::optional<Risk> ParseRisk(std::string_view name) { return ParseName(kRiskNames, name); }

const char* BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kTitle:
      return "title";
    case BlockKind::kMetaDescription:
      return "meta_description";
    case BlockKind::kSocialMeta:
      return "social_meta";
    case BlockKind::kHeading:
      return "heading";
    case BlockKind::kParagraph:
      return "paragraph";
    case BlockKind::kListItem:
      return "list_item";
    case BlockKind::kTableCell:
      return "table_cell";
    case BlockKind::kBlockquote:
      return "blockquote";
    case BlockKind::kCaption:
      return "caption";
    case BlockKind::kAltText:
      return "alt_text";
    case BlockKind::kTitleAttribute:
      return "title_attribute";
    case BlockKind::kAnchorText:
      return "anchor_text";
    case BlockKind::kJsonLd:
      return "json_ld";
    case BlockKind::kComment:
      return "comment";
    case BlockKind::kHiddenText:
      return "hidden_text";
    case BlockKind::kNoscript:
      return "noscript";
    case BlockKind::kTemplate:
      return "template";
    case BlockKind::kPlainText:
      return "plain_text";
    case BlockKind::kOther:
      return "other";
  }
  return "other";
}

}  // namespace sightline::analyzer
