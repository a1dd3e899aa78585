// EncodeAnalysisRecord / DecodeAnalysisRecord (analysis_cache.h): a flat binary layout —
// varints, length-prefixed bytes, raw doubles — read straight into the structs. Decoding a
// MessagePack DOM first cost ~20 % of a repeat audit's CPU. Strings are bytes (invalid UTF-8
// from the web round-trips unchanged); every read is bounds-checked, so a truncated or
// foreign record decodes to nullopt, never to a crash.
#include <cstring>

#include "app/analysis_cache.h"

namespace sightline::app {
namespace {

using namespace analyzer;

// "SLAR" + format: a record of another layout is refused before anything is read.
constexpr char kMagic[4] = {'S', 'L', 'A', 'R'};

class Writer {
 public:
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void Signed(int64_t v) {
    Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void Bool(bool v) { out_.push_back(v ? 1 : 0); }
  void Double(double v) {
    char bytes[sizeof v];
    std::memcpy(bytes, &v, sizeof v);
    out_.append(bytes, sizeof v);
  }
  void Bytes(std::string_view s) {
    Varint(s.size());
    out_.append(s);
  }
  void Raw(std::string_view s) { out_.append(s); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool ok() const { return ok_; }
  bool done() const { return pos_ == data_.size(); }

  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) return Fail();
      const auto byte = static_cast<unsigned char>(data_[pos_++]);
      v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    return Fail();
  }
  int64_t Signed() {
    const uint64_t z = Varint();
    return static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1));
  }
  size_t Size() { return static_cast<size_t>(Varint()); }
  // A count of items each at least one byte long: larger than what is left is corrupt.
  size_t Count() {
    const uint64_t n = Varint();
    if (n > data_.size() - pos_) return static_cast<size_t>(Fail());
    return static_cast<size_t>(n);
  }
  bool Bool() {
    if (pos_ >= data_.size()) return Fail() != 0;
    return data_[pos_++] != 0;
  }
  double Double() {
    double v = 0;
    if (data_.size() - pos_ < sizeof v) return static_cast<double>(Fail());
    std::memcpy(&v, data_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::string Bytes() {
    const uint64_t n = Varint();
    if (n > data_.size() - pos_) return Fail(), std::string();
    std::string s(data_.substr(pos_, static_cast<size_t>(n)));
    pos_ += static_cast<size_t>(n);
    return s;
  }
  bool Expect(std::string_view raw) {
    if (data_.substr(pos_, raw.size()) != raw) return Fail() != 0;
    pos_ += raw.size();
    return true;
  }

 private:
  uint64_t Fail() {
    ok_ = false;
    pos_ = data_.size();
    return 0;
  }
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

template <typename T, typename F>
void PutAll(Writer& w, const std::vector<T>& items, F put) {
  w.Varint(items.size());
  for (const auto& item : items) put(w, item);
}
template <typename T, typename F>
std::vector<T> GetAll(Reader& r, F get) {
  std::vector<T> out(r.Count());
  for (auto& item : out) {
    if (!r.ok()) break;
    item = get(r);
  }
  return out;
}

void PutStrings(Writer& w, const std::vector<std::string>& v) {
  PutAll(w, v, [](Writer& o, const std::string& s) { o.Bytes(s); });
}
std::vector<std::string> GetStrings(Reader& r) {
  return GetAll<std::string>(r, [](Reader& i) { return i.Bytes(); });
}
void PutMap(Writer& w, const std::map<std::string, std::string>& m) {
  w.Varint(m.size());
  for (const auto& [k, v] : m) {
    w.Bytes(k);
    w.Bytes(v);
  }
}
std::map<std::string, std::string> GetMap(Reader& r) {
  std::map<std::string, std::string> m;
  for (size_t n = r.Count(); n > 0 && r.ok(); --n) {
    std::string k = r.Bytes();
    m.insert_or_assign(std::move(k), r.Bytes());
  }
  return m;
}

void PutDetail(Writer& w, const FindingDetail& d) {
  w.Varint(static_cast<uint64_t>(d.type));
  w.Bytes(d.text);
  w.Bytes(d.normalized);
  w.Bytes(d.url);
  w.Bytes(d.snippet);
  w.Varint(d.snippet_begin);
  w.Varint(d.snippet_end);
  w.Bool(d.hidden);
  w.Double(d.prior);
  w.Bool(d.inherited);
}
FindingDetail GetDetail(Reader& r) {
  FindingDetail d;
  d.type = static_cast<MentionType>(r.Varint());
  d.text = r.Bytes();
  d.normalized = r.Bytes();
  d.url = r.Bytes();
  d.snippet = r.Bytes();
  d.snippet_begin = r.Size();
  d.snippet_end = r.Size();
  d.hidden = r.Bool();
  d.prior = r.Double();
  d.inherited = r.Bool();
  return d;
}

void PutLinked(Writer& w, const LinkedDetail& d) {
  PutDetail(w, d.detail);
  PutMap(w, d.attributes);
  w.Double(d.confidence);
  w.Varint(d.block_fingerprint);
  w.Varint(d.block);
}
LinkedDetail GetLinked(Reader& r) {
  LinkedDetail d;
  d.detail = GetDetail(r);
  d.attributes = GetMap(r);
  d.confidence = r.Double();
  d.block_fingerprint = r.Varint();
  d.block = r.Size();
  return d;
}

void PutSubject(Writer& o, const Subject& s) {
  o.Bytes(s.url);
  o.Bytes(s.cue);
  o.Varint(s.first_block);
  o.Varint(s.last_block);
  PutAll(o, s.details, PutLinked);
}
Subject GetSubject(Reader& i) {
  Subject s;
  s.url = i.Bytes();
  s.cue = i.Bytes();
  s.first_block = i.Size();
  s.last_block = i.Size();
  s.details = GetAll<LinkedDetail>(i, GetLinked);
  return s;
}

void PutAnalysis(Writer& w, const PageAnalysis& p) {
  w.Bytes(p.url);
  w.Bytes(p.published_date);
  w.Bool(p.profile_page);
  PutAll(w, p.subjects, PutSubject);
  PutAll(w, p.profile, [](Writer& o, const ProfileFact& f) {
    o.Bytes(f.key);
    o.Bytes(f.value);
    o.Bytes(f.url);
    o.Bytes(f.snippet);
    o.Signed(f.population);
    o.Bool(f.from_json_ld);
    o.Varint(f.block_fingerprint);
  });
  PutAll(w, p.personal, [](Writer& o, const PersonalDetail& d) {
    o.Bytes(d.category);
    PutLinked(o, d.detail);
  });
  PutAll(w, p.criticism, [](Writer& o, const CriticismCandidate& c) {
    PutLinked(o, c.target);
    PutStrings(o, c.terms);
    o.Bool(c.named);
  });
  PutAll(w, p.facility_places, [](Writer& o, const FacilityPlace& f) {
    o.Bytes(f.facility);
    PutLinked(o, f.place);
  });
  PutAll(w, p.loose_identifiers, PutLinked);
  PutAll(w, p.block_fingerprints, [](Writer& o, uint64_t fp) { o.Varint(fp); });
}
PageAnalysis GetAnalysis(Reader& r) {
  PageAnalysis p;
  p.url = r.Bytes();
  p.published_date = r.Bytes();
  p.profile_page = r.Bool();
  p.subjects = GetAll<Subject>(r, GetSubject);
  p.profile = GetAll<ProfileFact>(r, [](Reader& i) {
    ProfileFact f;
    f.key = i.Bytes();
    f.value = i.Bytes();
    f.url = i.Bytes();
    f.snippet = i.Bytes();
    f.population = i.Signed();
    f.from_json_ld = i.Bool();
    f.block_fingerprint = i.Varint();
    return f;
  });
  p.personal = GetAll<PersonalDetail>(r, [](Reader& i) {
    PersonalDetail d;
    d.category = i.Bytes();
    d.detail = GetLinked(i);
    return d;
  });
  p.criticism = GetAll<CriticismCandidate>(r, [](Reader& i) {
    CriticismCandidate c;
    c.target = GetLinked(i);
    c.terms = GetStrings(i);
    c.named = i.Bool();
    return c;
  });
  p.facility_places = GetAll<FacilityPlace>(r, [](Reader& i) {
    FacilityPlace f;
    f.facility = i.Bytes();
    f.place = GetLinked(i);
    return f;
  });
  p.loose_identifiers = GetAll<LinkedDetail>(r, GetLinked);
  p.block_fingerprints = GetAll<uint64_t>(r, [](Reader& i) { return i.Varint(); });
  return p;
}

}  // namespace

std::string EncodeAnalysisRecord(const AnalysisRecord& r) {
  Writer w;
  w.Raw(std::string_view(kMagic, sizeof kMagic));
  w.Varint(kAnalysisRecordFormat);
  PutAnalysis(w, r.analysis);
  w.Bytes(r.title);
  w.Bytes(r.published);
  w.Bytes(r.modified);
  PutStrings(w, r.links);
  const ExposureInputs& x = r.exposure;
  w.Bool(x.is_html);
  w.Bytes(x.title);
  w.Varint(x.robots_meta.size());
  for (const auto& [name, value] : x.robots_meta) {
    w.Bytes(name);
    w.Bytes(value);
  }
  w.Bytes(x.canonical);
  w.Varint(x.visible_chars);
  w.Bool(x.first_heading.has_value());
  w.Bytes(x.first_heading.value_or(""));
  w.Varint(x.nosnippet_blocks);
  return w.Take();
}

std::string EncodeSubjects(const std::vector<analyzer::Subject>& subjects) {
  Writer w;
  PutAll(w, subjects, PutSubject);
  return w.Take();
}

std::optional<std::vector<analyzer::Subject>> DecodeSubjects(std::string_view data) {
  Reader r(data);
  std::vector<analyzer::Subject> subjects = GetAll<Subject>(r, GetSubject);
  if (!r.ok() || !r.done()) return std::nullopt;
  return subjects;
}

std::optional<AnalysisRecord> DecodeAnalysisRecord(std::string_view data) {
  Reader r(data);
  if (!r.Expect(std::string_view(kMagic, sizeof kMagic)) ||
      r.Varint() != static_cast<uint64_t>(kAnalysisRecordFormat)) {
    return std::nullopt;
  }
  AnalysisRecord out;
  out.analysis = GetAnalysis(r);
  out.title = r.Bytes();
  out.published = r.Bytes();
  out.modified = r.Bytes();
  out.links = GetStrings(r);
  ExposureInputs& x = out.exposure;
  x.is_html = r.Bool();
  x.title = r.Bytes();
  for (size_t n = r.Count(); n > 0 && r.ok(); --n) {
    std::string name = r.Bytes();
    x.robots_meta.emplace_back(std::move(name), r.Bytes());
  }
  x.canonical = r.Bytes();
  x.visible_chars = r.Size();
  const bool has_heading = r.Bool();
  std::string heading = r.Bytes();
  if (has_heading) x.first_heading = std::move(heading);
  x.nosnippet_blocks = r.Size();
  if (!r.ok() || !r.done()) return std::nullopt;
  return out;
}

}  // namespace sightline::app
