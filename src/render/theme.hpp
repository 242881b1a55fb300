#pragma once
// The theme: Mustache templates and static assets. The default theme is built into the binary;
// a site may override any file of it from a folder laid out the same way
// (templates/NAME.mustache, templates/partials/NAME.mustache, locale/LANG.po, assets/PATH).
#include <kainjow/mustache.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "render/messages.hpp"

namespace kpress {

// kainjow's data copies every value it is given, deeply: a list of cards set into a page set
// into the layout was copied once per level. This adds the moves it lacks (an rvalue is moved in)
// and is otherwise the same type, so templates render it as they are.
class TemplateData : public kainjow::mustache::data {
 public:
  using Base = kainjow::mustache::data;
  using Base::Base;
  TemplateData() = default;
  TemplateData(const Base& other) : Base(other) {}
  TemplateData(Base&& other) : Base(std::move(other)) {}

  using Base::set;
  void set(const std::string& name, Base&& value) {
    if (is_object()) (*this)[name] = std::move(value);
  }
  using Base::push_back;
  void push_back(Base&& item) {
    if (!is_list()) return;
    // list_value() is the only access kainjow gives to the list; the vector it refers to is this
    // object's own and not const.
    auto& list = const_cast<kainjow::mustache::basic_list<std::string>&>(list_value());
    if (list.size() == list.capacity()) {
      // kainjow's move constructor is not noexcept, so a growing vector would copy every item,
      // deeply, into its new storage: it grows here, by moves.
      kainjow::mustache::basic_list<std::string> bigger;
      bigger.reserve(list.empty() ? 4 : 2 * list.size());
      for (auto& kept : list) bigger.push_back(std::move(kept));
      list.swap(bigger);
    }
    list.push_back(std::move(item));
  }
};

struct Asset {
  std::string content;
  std::string content_type;
  std::string etag;         // strong, quoted
  std::string hashed_name;  // "style.1a2b3c4d5e.css": the name with its content's hash, which never changes content
};

class Theme {
 public:
  // Reads every file once; `override_dir` may be empty. Throws std::runtime_error naming a
  // template that does not parse or uses a partial the theme lacks.
  explicit Theme(const std::filesystem::path& override_dir = {});

  // Renders templates/NAME.mustache with `data`, its interface text in `language`; every partial
  // of the theme is available as {{> NAME}}. Values are HTML-escaped unless the template uses
  // triple braces, and control characters HTML forbids are left out (see xml_escape).
  // Interface text is marked {{#_}}English text{{/_}} and replaced at load by the theme's
  // locale/LANG.po translation (see Messages); a language without a catalog reads the English.
  std::string render(std::string_view name, const TemplateData& data, std::string_view language) const;
  const Messages& messages() const { return messages_; }
  // The asset of that name, or of that hashed name (`hashed` then says so: the address of that
  // content only, which browsers may keep for a year).
  const Asset* asset(std::string_view path, bool* hashed = nullptr) const;
  // {style_css: "/assets/style.1a2b3c4d5e.css", ...}: every asset's address by content, for
  // templates ({{#assets}}{{style_css}}{{/assets}}).
  const TemplateData& asset_urls() const { return asset_urls_; }
  // Changes whenever any asset does.
  const std::string& asset_version() const { return asset_version_; }

 private:
  using Sources = std::map<std::string, std::string, std::less<>>;

  std::uint64_t id_;
  Messages messages_;
  std::map<std::string, Sources, std::less<>> translated_;  // by language; "" the English
  std::map<std::string, Asset, std::less<>> assets_;
  std::map<std::string, std::string, std::less<>> by_hashed_name_;  // hashed name -> name
  TemplateData asset_urls_;
  std::string asset_version_;
};

std::string content_type_for(std::string_view path);

}  // namespace kpress
