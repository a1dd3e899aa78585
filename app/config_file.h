// Reads a sightline.toml (toml++): every setting a flag has, plus `[[site]]` lists for agencies
// auditing many practices into one database. Unknown keys are errors, so a typo is not ignored.
#pragma once

#include <set>
#include <string>

#include "app/settings.h"
#include "common/result.h"

namespace sightline::app {

// Applies the file's values on top of `base`.
Result<ConfigFile> LoadConfigFile(const std::string& path, const Settings& base);

// The same, from text (tests; `source` names it in errors).
Result<ConfigFile> ParseConfig(std::string_view toml_text, const std::string& source,
                               const Settings& base);

// Copies into `out` the settings whose flags were given on the command line (`given` holds
// long option names without dashes, e.g. "max-pages"), so flags win over the file.
void OverrideWithFlags(const Settings& flags, const std::set<std::string>& given, Settings* out);

}  // namespace sightline::app
