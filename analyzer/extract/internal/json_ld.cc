#include "analyzer/extract/internal/json_ld.h"

#include <nlohmann/json.hpp>

namespace sightline::analyzer::internal {
namespace {

using Json = nlohmann::json;

std::string ScalarText(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number_unsigned()) return std::to_string(v.get<unsigned long long>());
  if (v.is_number_float()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v.get<double>());
    return buf;
  }
  return {};
}

std::string TypeOf(const Json& node) {
  const auto it = node.find("@type");
  if (it == node.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array()) {
    std::string joined;
    for (const Json& t : *it) {
      if (!t.is_string()) continue;
      if (!joined.empty()) joined += ",";
      joined += t.get<std::string>();
    }
    return joined;
  }
  return {};
}

void AddValue(JsonLdEntity* entity, const std::string& path, const std::string& value) {
  if (value.empty()) return;
  auto [it, inserted] = entity->properties.emplace(path, value);
  if (!inserted && it->second != value) it->second += "; " + value;
}

class Flattener {
 public:
  explicit Flattener(std::vector<JsonLdEntity>* out) : out_(out) {}

  // Visits any value: typed objects become entities.
  void Visit(const Json& v, int depth) {
    if (depth > kMaxJsonDepth) return;
    if (v.is_array()) {
      for (const Json& item : v) Visit(item, depth + 1);
      return;
    }
    if (!v.is_object()) return;
    const auto graph = v.find("@graph");
    if (graph != v.end()) Visit(*graph, depth + 1);
    const std::string type = TypeOf(v);
    if (type.empty()) return;
    // Reserve the slot first so an entity precedes the typed nodes nested in it.
    const size_t slot = out_->size();
    out_->emplace_back();
    JsonLdEntity entity;
    entity.type = type;
    Flatten(v, "", depth, &entity);
    (*out_)[slot] = std::move(entity);
  }

 private:
  // Writes the properties of `node` under `prefix` into `entity`; nested typed objects are
  // also visited as entities of their own.
  void Flatten(const Json& node, const std::string& prefix, int depth, JsonLdEntity* entity) {
    if (depth > kMaxJsonDepth) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string& key = it.key();
      if (key == "@context" || key == "@graph") continue;
      if (key == "@type" && !prefix.empty()) continue;
      if (key == "@type") continue;  // the entity's own type is `entity.type`
      const std::string path = prefix.empty() ? key : prefix + "." + key;
      FlattenValue(it.value(), path, depth + 1, entity);
    }
  }

  void FlattenValue(const Json& v, const std::string& path, int depth, JsonLdEntity* entity) {
    if (depth > kMaxJsonDepth) return;
    if (v.is_object()) {
      Flatten(v, path, depth, entity);
      if (!TypeOf(v).empty()) Visit(v, depth);
    } else if (v.is_array()) {
      for (const Json& item : v) FlattenValue(item, path, depth + 1, entity);
    } else {
      AddValue(entity, path, ScalarText(v));
    }
  }

  std::vector<JsonLdEntity>* out_;
};

}  // namespace

bool ParseJsonLd(std::string_view json_text, std::vector<JsonLdEntity>* out) {
  try {
    // No exceptions for syntax errors; comments tolerated as some CMSs emit them.
    Json root = Json::parse(json_text.begin(), json_text.end(), nullptr,
                            /*allow_exceptions=*/false, /*ignore_comments=*/true);
    if (root.is_discarded()) return false;
    std::vector<JsonLdEntity> entities;
    Flattener(&entities).Visit(root, 0);
    for (auto& e : entities) out->push_back(std::move(e));
    return true;
  } catch (const std::exception&) {
    // nlohmann throws type_error for invalid UTF-8 in get<std::string>() paths; the input
    // is already repaired UTF-8, but nothing may escape the library.
    return false;
  }
}

std::string JsonLdEntityText(const JsonLdEntity& entity) {
  std::string text = "@type: " + entity.type;
  for (const auto& [key, value] : entity.properties) {
    text += "\n";
    text += key;
    text += ": ";
    text += value;
  }
  return text;
}

}  // namespace sightline::analyzer::internal
