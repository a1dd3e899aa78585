// A small JSON Schema validator for the subset docs/report-schema.json and diff-schema.json
// use: type (one or a list), required, properties, additionalProperties (false or a schema),
// items, enum, minimum, maximum, anyOf and $ref (local "#/$defs/x" and "file.json#/$defs/x"
// beside the root schema). Annotations ($schema, $id, title, description, $defs) are ignored;
// any other keyword is reported as an error so the schema cannot silently outgrow this
// validator. Test-only code (no C++ JSON Schema package in Debian); not thread-safe.
#pragma once

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace sightline::reports::testing {

class SchemaValidator {
 public:
  // Reads `file` inside `dir`; parse errors land in error().
  SchemaValidator(std::filesystem::path dir, std::string file)
      : dir_(std::move(dir)), root_file_(std::move(file)) {
    Load(root_file_);
  }

  const std::string& error() const { return load_error_; }

  // Every violation as "<json pointer>: <what>"; empty when `doc` conforms.
  std::vector<std::string> Validate(const nlohmann::json& doc) {
    std::vector<std::string> errors;
    if (!load_error_.empty()) return {load_error_};
    Check(files_.at(root_file_), root_file_, doc, "", errors);
    return errors;
  }

 private:
  const nlohmann::json* Load(const std::string& file) {
    auto it = files_.find(file);
    if (it != files_.end()) return &it->second;
    std::ifstream in(dir_ / file);
    if (!in) {
      load_error_ = "cannot read schema " + (dir_ / file).string();
      return nullptr;
    }
    nlohmann::json parsed = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) {
      load_error_ = "schema is not JSON: " + file;
      return nullptr;
    }
    return &files_.emplace(file, std::move(parsed)).first->second;
  }

  static bool HasType(const nlohmann::json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    if (type == "number") return v.is_number();
    if (type == "integer") {
      if (v.is_number_integer()) return true;
      if (!v.is_number_float()) return false;
      const double d = v.get<double>();
      return std::isfinite(d) && std::floor(d) == d;
    }
    return false;
  }

  void Check(const nlohmann::json& schema, const std::string& file, const nlohmann::json& v,
             const std::string& path, std::vector<std::string>& errors) {
    auto fail = [&](const std::string& what) {
      errors.push_back((path.empty() ? "/" : path) + ": " + what);
    };
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) fail("no value is allowed here");
      return;
    }
    if (!schema.is_object()) {
      fail("schema is neither an object nor a boolean");
      return;
    }
    static const std::set<std::string> kAnnotations{"$schema",     "$id",   "title",
                                                    "description", "$defs", "$comment"};
    for (const auto& [key, sub] : schema.items()) {
      if (kAnnotations.count(key)) continue;
      if (key == "$ref") {
        const std::string ref = sub.get<std::string>();
        const size_t hash = ref.find('#');
        const std::string target_file = hash == 0 ? file : ref.substr(0, hash);
        const std::string pointer = hash == std::string::npos ? "" : ref.substr(hash + 1);
        const nlohmann::json* doc = Load(target_file);
        const nlohmann::json::json_pointer ptr(pointer);
        if (doc == nullptr || !doc->contains(ptr)) {
          fail("unresolvable $ref " + ref);
          continue;
        }
        Check(doc->at(ptr), target_file, v, path, errors);
      } else if (key == "type") {
        bool ok = false;
        if (sub.is_string()) {
          ok = HasType(v, sub.get<std::string>());
        } else {
          for (const auto& t : sub) ok = ok || HasType(v, t.get<std::string>());
        }
        if (!ok) fail("type is not " + sub.dump());
      } else if (key == "enum") {
        bool found = false;
        for (const auto& e : sub) found = found || e == v;
        if (!found) fail(v.dump() + " is not one of " + sub.dump());
      } else if (key == "minimum") {
        if (v.is_number() && v.get<double>() < sub.get<double>())
          fail("below minimum " + sub.dump());
      } else if (key == "maximum") {
        if (v.is_number() && v.get<double>() > sub.get<double>())
          fail("above maximum " + sub.dump());
      } else if (key == "required") {
        if (!v.is_object()) continue;
        for (const auto& name : sub) {
          if (!v.contains(name.get<std::string>()))
            fail("missing required \"" + name.get<std::string>() + "\"");
        }
      } else if (key == "properties") {
        if (!v.is_object()) continue;
        for (const auto& [name, prop] : sub.items()) {
          if (v.contains(name)) Check(prop, file, v.at(name), path + "/" + name, errors);
        }
      } else if (key == "additionalProperties") {
        if (!v.is_object()) continue;
        const nlohmann::json empty = nlohmann::json::object();
        const nlohmann::json& props = schema.contains("properties") ? schema["properties"] : empty;
        for (const auto& [name, value] : v.items()) {
          if (props.contains(name)) continue;
          if (sub.is_boolean() && !sub.get<bool>()) {
            fail("unexpected property \"" + name + "\"");
          } else {
            Check(sub, file, value, path + "/" + name, errors);
          }
        }
      } else if (key == "items") {
        if (!v.is_array()) continue;
        for (size_t i = 0; i < v.size(); ++i) {
          Check(sub, file, v[i], path + "/" + std::to_string(i), errors);
        }
      } else if (key == "anyOf") {
        bool any = false;
        for (const auto& alternative : sub) {
          std::vector<std::string> sub_errors;
          Check(alternative, file, v, path, sub_errors);
          any = any || sub_errors.empty();
        }
        if (!any) fail("matches none of anyOf");
      } else {
        fail("schema keyword \"" + key + "\" is not supported by this validator");
      }
    }
  }

  std::filesystem::path dir_;
  std::string root_file_;
  std::map<std::string, nlohmann::json> files_;
  std::string load_error_;
};

}  // namespace sightline::reports::testing
