// Direct identifiers: phone numbers (libphonenumber's PhoneNumberMatcher, region US), emails,
// social handles, profile and other URLs, street addresses and routes, ZIP codes, and labelled
// numbers (MRN, SSN, NPI with its Luhn check, health plan, account, licence, device, vehicle).
// All are HIPAA Safe Harbor identifiers by themselves.
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "analyzer/detect/internal/lexicon.h"
#include "analyzer/detect/internal/phone_cache.h"
#include "analyzer/detect/internal/rules.h"
#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

int CountDigits(std::string_view s) {
  int n = 0;
  for (char c : s) n += (c >= '0' && c <= '9');
  return n;
}

Mention& AddDirect(const BlockContext& ctx, MentionType type, size_t b, size_t e, std::string norm,
                   double conf, std::string_view kind) {
  Mention& m = ctx.Add(type, b, e, std::move(norm), conf, 1.0);
  m.attributes["kind"] = std::string(kind);
  m.attributes["safe_harbor"] = "true";
  return m;
}

// NPI check digit: Luhn over "80840" + the first nine digits (CMS NPI standard).
bool NpiLuhnValid(std::string_view npi) {
  if (npi.size() != 10 || !IsAsciiDigits(npi)) return false;
  std::string full = "80840" + std::string(npi);
  int sum = 0;
  bool dbl = false;
  for (size_t i = full.size(); i-- > 0;) {
    int d = full[i] - '0';
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

std::string IdKind(std::string label) {
  if (label.rfind("mrn", 0) == 0 || label.rfind("medical record", 0) == 0 ||
      label.rfind("chart", 0) == 0 || label.rfind("patient id", 0) == 0)
    return "mrn";
  if (label.rfind("ssn", 0) == 0 || label.rfind("social security", 0) == 0) return "ssn";
  if (label.rfind("npi", 0) == 0) return "npi";
  if (label.rfind("acct", 0) == 0 || label.rfind("account", 0) == 0) return "account";
  if (label.find("licen") != std::string::npos || label.rfind("dea", 0) == 0) {
    return label.find("plate") != std::string::npos ? "vehicle" : "licence";
  }
  if (label.rfind("serial", 0) == 0 || label.rfind("device", 0) == 0 || label == "udi" ||
      label == "imei")
    return "device";
  if (label == "vin" || label.find("plate") != std::string::npos) return "vehicle";
  if (label.rfind("passport", 0) == 0) return "passport";
  return "health_plan";
}

// PhoneNumberMatcher costs ~30 µs per call even on a short window (ICU regexes to parse and
// validate), so it runs only on a small window around each phone-shaped digit sequence RE2
// finds, and windows seen before come from the Detector's PhoneCache.
void Phones(const BlockContext& ctx) {
  if (ctx.digits < 7) return;
  PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  size_t matched_end = 0;  // end of the last phone found: later hints inside it are done
  std::vector<PhoneHit> hits;
  ForEachMatch(ctx, *ctx.lex.phone_hint, [&](const auto& g) {
    size_t hint_begin = Offset(ctx.text, g[0]);
    size_t hint_end = hint_begin + g[0].size();
    if (hint_end <= matched_end) return;
    size_t begin = std::max(matched_end, hint_begin > 12 ? hint_begin - 12 : size_t{0});
    size_t end = std::min(ctx.text.size(), hint_end + 20);
    // Never cut a UTF-8 sequence: libphonenumber rejects invalid UTF-8 input.
    auto continuation = [&](size_t i) {
      return i < ctx.text.size() && (static_cast<unsigned char>(ctx.text[i]) & 0xC0) == 0x80;
    };
    while (begin < hint_begin && continuation(begin)) ++begin;
    while (end > hint_end && continuation(end)) --end;
    std::string window(ctx.text.substr(begin, end - begin));
    hits.clear();
    if (!ctx.phone_cache || !ctx.phone_cache->Lookup(window, &hits)) {
      PhoneNumberMatcher matcher(*util, window, "US", PhoneNumberMatcher::VALID, 16);
      PhoneNumberMatch match;
      while (matcher.HasNext()) {
        if (!matcher.Next(&match)) break;
        PhoneHit hit;
        hit.start = static_cast<uint32_t>(match.start());
        hit.length = static_cast<uint32_t>(match.raw_string().size());
        util->Format(match.number(), PhoneNumberUtil::E164, &hit.e164);
        hits.push_back(std::move(hit));
      }
      if (ctx.phone_cache) ctx.phone_cache->Insert(window, hits);
    }
    for (const PhoneHit& hit : hits) {
      size_t b = begin + hit.start;
      size_t e = b + hit.length;
      if (e > ctx.text.size()) continue;
      AddDirect(ctx, MentionType::kContact, b, e, hit.e164, 0.95, "phone");
      matched_end = std::max(matched_end, e);
    }
  });
}

void LabelledIds(const BlockContext& ctx) {
  std::string_view text = ctx.text;
  if (ctx.Has(kFeatIdLabel))
    ForEachMatch(ctx, *ctx.lex.id_label, [&](const auto& g) {
      std::string label = FoldKey(std::string_view(g[1].data(), g[1].size()));
      size_t pos = Offset(text, g[1]) + g[1].size();
      size_t limit = std::min(text.size(), pos + 48);
      // The first token after the label with at least four digits ("member ID is XWB884512307").
      size_t i = pos;
      while (i < limit) {
        if (text[i] == '\n' || (text[i] == '.' && i + 1 < text.size() && text[i + 1] == ' ')) break;
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (!std::isalnum(c)) {
          ++i;
          continue;
        }
        size_t j = i;
        while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) ||
                                   (text[j] == '-' && j + 1 < text.size() &&
                                    std::isalnum(static_cast<unsigned char>(text[j + 1]))))) {
          ++j;
        }
        std::string_view value = text.substr(i, j - i);
        if (CountDigits(value) >= 4) {
          std::string kind = IdKind(label);
          double conf = 0.9;
          if (kind == "npi") conf = NpiLuhnValid(value) ? 0.98 : 0.6;
          Mention& m =
              AddDirect(ctx, MentionType::kIdentifier, i, j, std::string(value), conf, kind);
          if (kind == "npi") m.attributes["luhn"] = NpiLuhnValid(value) ? "valid" : "invalid";
          break;
        }
        i = j;
      }
    });
  if (text.find('-') != std::string_view::npos)
    ForEachMatch(ctx, *ctx.lex.ssn, [&](const auto& g) {
      int area = ToInt(g[1]), group = ToInt(g[2]), serial = ToInt(g[3]);
      if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) return;
      size_t b = Offset(text, g[0]);
      AddDirect(ctx, MentionType::kIdentifier, b, b + g[0].size(),
                std::string(g[0].data(), g[0].size()), 0.85, "ssn");
    });
}

void Addresses(const BlockContext& ctx) {
  std::string_view text = ctx.text;
  const Lexicon& lex = ctx.lex;
  auto add = [&](const re2::StringPiece& p, MentionType type, double conf, std::string_view kind) {
    size_t b = Offset(text, p);
    AddDirect(ctx, type, b, b + p.size(), std::string(p.data(), p.size()), conf, kind);
  };
  if (ctx.Has(kFeatStreet))
    ForEachMatch(ctx, *lex.address_numbered,
                 [&](const auto& g) { add(g[0], MentionType::kAddress, 0.9, "street"); });
  if (ctx.Has(kFeatStreet)) {
    ForEachMatch(ctx, *lex.address_street,
                 [&](const auto& g) { add(g[1], MentionType::kAddress, 0.75, "street"); });
  }
  if (ctx.Has(kFeatRoute))
    ForEachMatch(ctx, *lex.address_route,
                 [&](const auto& g) { add(g[1], MentionType::kAddress, 0.8, "route"); });
  ForEachMatch(ctx, *lex.postal_state, [&](const auto& g) {
    if (ctx.priors.UsStateCode(std::string_view(g[1].data(), g[1].size())).empty()) return;
    add(g[2], MentionType::kPostalCode, 0.9, "zip");
  });
  if (ctx.Has(kFeatZip))
    ForEachMatch(ctx, *lex.postal_label,
                 [&](const auto& g) { add(g[1], MentionType::kPostalCode, 0.9, "zip"); });
}

}  // namespace

void DetectContactsAndIds(const BlockContext& ctx) {
  std::string_view text = ctx.text;
  const Lexicon& lex = ctx.lex;
  if (text.find('@') != std::string_view::npos) {
    ForEachMatch(ctx, *lex.email, [&](const auto& g) {
      size_t b = Offset(text, g[0]);
      AddDirect(ctx, MentionType::kContact, b, b + g[0].size(),
                FoldKey(std::string_view(g[0].data(), g[0].size())), 0.95, "email");
    });
    ForEachMatch(ctx, *lex.handle, [&](const auto& g) {
      size_t b = Offset(text, g[1]);
      AddDirect(ctx, MentionType::kContact, b, b + g[1].size(),
                FoldKey(std::string_view(g[1].data(), g[1].size())), 0.85, "handle");
    });
  }
  if (text.find('/') != std::string_view::npos) {
    std::string_view lower = ctx.lower.empty() ? text : ctx.lower;
    bool profile = lower.find(".com/") != std::string_view::npos ||
                   lower.find(".net/") != std::string_view::npos;
    if (profile)
      ForEachMatch(ctx, *lex.profile_url, [&](const auto& g) {
        size_t b = Offset(text, g[1]);
        AddDirect(ctx, MentionType::kContact, b, b + g[1].size(),
                  FoldKey(std::string_view(g[1].data(), g[1].size())), 0.9, "profile_url");
      });
    if (text.find("://") != std::string_view::npos)
      ForEachMatch(ctx, *lex.url, [&](const auto& g) {
        size_t b = Offset(text, g[0]);
        AddDirect(ctx, MentionType::kContact, b, b + g[0].size(),
                  std::string(g[0].data(), g[0].size()), 0.5, "url");
      });
  }
  if (ctx.digits > 0) {
    Phones(ctx);
    LabelledIds(ctx);
    Addresses(ctx);
  } else if (ctx.Has(kFeatStreet)) {
    ForEachMatch(ctx, *lex.address_street, [&](const auto& g) {
      size_t b = Offset(text, g[1]);
      AddDirect(ctx, MentionType::kAddress, b, b + g[1].size(),
                std::string(g[1].data(), g[1].size()), 0.75, "street");
    });
  }
}

}  // namespace sightline::analyzer::detect_internal
