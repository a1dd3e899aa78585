// Address classification for the private-network guard (issue 9, redirect safety): loopback,
// link-local, private (RFC 1918, RFC 4193 unique local, RFC 6598 shared), unspecified and
// multicast addresses count as private; IPv4-mapped IPv6 addresses are judged as IPv4.
// Stateless, thread-safe.
#pragma once

#include <string_view>

namespace sightline::crawler::internal {

// `ip` is a textual IPv4 or IPv6 address (no brackets); an unparsable one counts as private,
// so that a refusal errs on the safe side.
bool IsPrivateAddress(std::string_view ip);

}  // namespace sightline::crawler::internal
