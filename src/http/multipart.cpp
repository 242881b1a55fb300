#include "http/multipart.hpp"

#include <gmime/gmime.h>

#include <memory>
#include <mutex>

#include "core/gobject_ptr.hpp"

namespace kpress::http {

std::optional<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body) {
  if (!content_type.starts_with("multipart/form-data") || content_type.find("boundary=") == std::string_view::npos ||
      content_type.find_first_of("\r\n") != std::string_view::npos)
    return std::nullopt;
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
  // GMime reads MIME entities: the request's Content-Type becomes the entity's header.
  std::string entity = "Content-Type: " + std::string(content_type) + "\r\n\r\n";
  entity.append(body);
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(entity.data(), entity.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeObject> object(g_mime_parser_construct_part(parser.get(), nullptr));
  if (!object || !GMIME_IS_MULTIPART(object.get())) return std::nullopt;
  auto* multipart = GMIME_MULTIPART(object.get());
  std::vector<FormPart> parts;
  for (int i = 0, count = g_mime_multipart_get_count(multipart); i < count; ++i) {
    GMimeObject* child = g_mime_multipart_get_part(multipart, i);
    if (!GMIME_IS_PART(child)) return std::nullopt;
    FormPart part;
    if (const char* name = g_mime_object_get_content_disposition_parameter(child, "name")) part.name = name;
    if (const char* filename = g_mime_part_get_filename(GMIME_PART(child))) part.filename = filename;
    if (GMimeContentType* type = g_mime_object_get_content_type(child)) {
      if (char* mime = g_mime_content_type_get_mime_type(type)) {
        part.content_type = mime;
        g_free(mime);
      }
    }
    if (GMimeDataWrapper* content = g_mime_part_get_content(GMIME_PART(child))) {
      GPtr<GMimeStream> out(g_mime_stream_mem_new());
      g_mime_data_wrapper_write_to_stream(content, out.get());
      GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
      part.data.assign(reinterpret_cast<const char*>(bytes->data), bytes->len);
    }
    if (part.name.empty()) return std::nullopt;
    parts.push_back(std::move(part));
  }
  return parts;
}

}  // namespace kpress::http
