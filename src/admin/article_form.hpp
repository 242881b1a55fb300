#pragma once
// The editor's form and an Article: what the form's fields set, and what the form shows of an
// article. Times are typed in the site's zone (datetime-local) and stored as UTC instants.
#include <optional>
#include <string>
#include <vector>

#include "core/content.hpp"
#include "core/validation.hpp"
#include "http/form.hpp"

namespace kpress {

// Sets `article`'s editable fields from `form` (those it does not carry keep their value).
// Errors name the field: a time that is not one.
std::vector<FieldError> apply_article_form(const http::Form& form, std::string_view time_zone, Article& article);

// "2026-11-24T21:00" in `time_zone`, as a datetime-local input shows it; "" for none.
std::string datetime_local(const std::optional<Instant>& t, std::string_view time_zone);
std::optional<Instant> parse_datetime_local(std::string_view text, std::string_view time_zone);

// "a, b, c" and back.
std::string join_list(const std::vector<std::string>& items);
std::vector<std::string> split_list(std::string_view text);

}  // namespace kpress
