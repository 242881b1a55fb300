#pragma once
// What a page shows of one language's interface: to check that a page speaks the language it
// should, and not another one's.
#include <string>
#include <string_view>
#include <vector>

namespace kpress::testing {

// The words of `language`'s interface that `page` shows: that catalog's translations (those
// that differ from their English id), cut at their {{values}} and markup, in pieces of six
// bytes or more that no English message writes, so that a piece is interface text of that
// language and not a name, a date or a word English shares.
std::vector<std::string> interface_text_in(const std::string& page, std::string_view language);

}  // namespace kpress::testing
