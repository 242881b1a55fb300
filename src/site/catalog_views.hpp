#pragma once
// View models of catalog entities, shared by their pages and by the boxes in articles.
#include "core/catalog.hpp"
#include "render/theme.hpp"
#include "site/views.hpp"

namespace kpress {

class Store;

// The broadcast slot in force on `today` (the last one begun), or false.
TemplateData slot_view(const Show& show, const Date& today, const Speech& speech);
// A name as its page shows it: `shown` (the form of the page's language) as `key`, and as
// `second_key` the other script's form: the Hangul `original` beside a romanized name, or the
// `romanized` one beside Hangul; `second_key`_lang is its language tag.
void set_names(TemplateData& data, const std::string& key, const std::string& second_key, const std::string& shown,
               const std::string& original, const std::string& romanized);

// {url, title, original_title, network, slot, episodes, next, streaming, calendar_url}: what a
// reader needs to know to watch a show. `next` is the next episode with its countdown, or false;
// `changes_at` receives when these facts change by themselves (a new slot, the next airing).
TemplateData show_facts(const Show& show, const Store& store, Instant now, const SiteContext& context,
                        const Speech& speech, std::optional<Instant>* changes_at = nullptr);
TemplateData date_view(const std::optional<Date>& date, std::string_view language);

}  // namespace kpress
