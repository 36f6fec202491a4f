#include "web/articles/structure_pages.hpp"

#include <map>

#include "core/text.hpp"
#include "http/form.hpp"
#include "web/kit/error_pages.hpp"
#include "web/kit/form_helpers.hpp"
#include "web/kit/page_response.hpp"

namespace dateline::web {
namespace {

constexpr int kPageSize = 50;
constexpr Check kArrange = &articles::StructureService::MayArrange;

enum class Kind { kSection, kTag, kAuthor };

struct FieldSpec {
  const char* name;
  const char* label;
  const char* type;  // text, textarea, number, checkbox
  size_t max;
  bool required;
  const char* help;
};

// What each page is called and what its forms ask for.
struct KindSpec {
  const char* title;
  const char* help;
  const char* base;         // "/admin/sections"
  const char* public_path;  // "/section/"
  const char* noun;         // "section"
  const char* delete_help;
  std::vector<FieldSpec> fields;
};

const KindSpec& SpecOf(Kind kind) {
  static const KindSpec kSections{
      "Sections",
      "Every story is in at most one section. Sections in the navigation appear under the "
      "masthead, in order of position; an opinion section labels its stories Opinion.",
      "/admin/sections",
      "/section/",
      "section",
      "Its stories stay, in no section.",
      {{"name", "Name", "text", articles::kMaxStructureName, true, ""},
       {"slug", "Address", "text", 100, false,
        "Lowercase letters, digits and dashes; made from "
        "the name when empty."},
       {"description", "Description", "textarea", articles::kMaxStructureText, false, ""},
       {"position", "Position", "number", 4, false, ""},
       {"in_navigation", "In the navigation", "checkbox", 1, false, ""},
       {"opinion", "Opinion (label its stories)", "checkbox", 1, false, ""}}};
  static const KindSpec kTags{
      "Tags",
      "Tags gather stories on a topic. Writers add them in the editor; here they are renamed "
      "or removed.",
      "/admin/tags",
      "/tag/",
      "tag",
      "Its stories stay, without this tag.",
      {{"name", "Name", "text", articles::kMaxStructureName, true, ""},
       {"slug", "Address", "text", 100, false,
        "Lowercase letters, digits and dashes; made from the name when empty."}}};
  static const KindSpec kAuthors{
      "Authors",
      "The people credited on stories, each with a page of their work. A story's authors are "
      "named in its editor; an unknown name there adds the author.",
      "/admin/authors",
      "/author/",
      "author",
      "Their stories stay, without their name.",
      {{"name", "Name", "text", articles::kMaxStructureName, true, ""},
       {"slug", "Address", "text", 100, false,
        "Lowercase letters, digits and dashes; made from the name when empty."},
       {"role_title", "Role", "text", articles::kMaxStructureName, false,
        "As printed under their name: Geneva correspondent."},
       {"bio", "Short biography", "textarea", articles::kMaxStructureText, false, ""},
       {"photo", "Photo (an image's key from the media library)", "text", 32, false, ""},
       {"staff_email", "Staff account (email)", "text", 254, false,
        "Links this author to the person's account: their new stories credit them. Empty "
        "keeps the link as it is."}}};
  switch (kind) {
    case Kind::kSection:
      return kSections;
    case Kind::kTag:
      return kTags;
    case Kind::kAuthor:
      break;
  }
  return kAuthors;
}

using Values = std::map<std::string, std::string>;

Values ValuesOf(const articles::Section& s) {
  return {{"name", s.name},
          {"slug", s.slug},
          {"description", s.description},
          {"position", std::to_string(s.position)},
          {"in_navigation", s.in_navigation ? "1" : ""},
          {"opinion", s.opinion ? "1" : ""}};
}
Values ValuesOf(const articles::Tag& t) { return {{"name", t.name}, {"slug", t.slug}}; }
Values ValuesOf(const articles::Author& a) {
  return {{"name", a.name}, {"slug", a.slug},   {"role_title", a.role_title},
          {"bio", a.bio},   {"photo", a.photo}, {"staff_email", ""}};
}

Values ValuesFrom(const KindSpec& spec, const http::Form& form) {
  Values v;
  for (const auto& f : spec.fields) v[f.name] = form.Value(f.name);
  return v;
}

core::Result<std::string> FieldsHtml(const ArticlesContext& ctx, const KindSpec& spec,
                                     const Values& values, const std::string& prefix) {
  std::string html;
  for (const auto& f : spec.fields) {
    render::View field;
    field[f.type] = true;
    field["html_id"] = prefix + "-" + f.name;
    field["name"] = f.name;
    field["label"] = f.label;
    field["max"] = std::to_string(f.max);
    field["required"] = f.required;
    if (*f.help) field["help"] = f.help;
    auto value = values.find(f.name);
    std::string v = value == values.end() ? "" : value->second;
    field["value"] = v;
    field["checked"] = !v.empty();
    auto drawn = ctx.templates.Render("parts/form_field", field);
    if (!drawn.ok()) return drawn.error();
    html += *drawn;
  }
  return html;
}

// A record's row on the page: its form, filled with what it holds (or what was typed).
struct Row {
  int64_t id;
  std::string name;
  std::string slug;
  Values values;
};

// What was typed into a refused form, shown again in place.
struct Typed {
  int64_t id = 0;
  Values values;
};

http::Response RenderStructure(const ArticlesContext& ctx, const Visitor& visitor, Kind kind,
                               const std::string& cursor, const std::string& notice,
                               const std::string& error, int status,
                               const std::optional<Typed>& typed = std::nullopt) {
  const KindSpec& spec = SpecOf(kind);
  std::vector<Row> rows;
  int64_t total = 0;
  std::string next;
  if (kind == Kind::kSection) {
    auto list = ctx.structure.Sections();
    if (!list.ok()) return ErrorPageFor(ctx, list.error());
    for (const auto& s : *list) rows.push_back({s.id, s.name, s.slug, ValuesOf(s)});
    total = static_cast<int64_t>(list->size());
  } else if (kind == Kind::kTag) {
    auto page = ctx.structure.Tags(cursor, kPageSize);
    if (!page.ok()) return ErrorPageFor(ctx, page.error());
    for (const auto& t : page->items) rows.push_back({t.id, t.name, t.slug, ValuesOf(t)});
    total = page->total;
    next = page->next;
  } else {
    auto page = ctx.structure.Authors(cursor, kPageSize);
    if (!page.ok()) return ErrorPageFor(ctx, page.error());
    for (const auto& a : page->items) rows.push_back({a.id, a.name, a.slug, ValuesOf(a)});
    total = page->total;
    next = page->next;
  }
  render::View view;
  view["title"] = spec.title;
  view["help"] = spec.help;
  view["base"] = spec.base;
  view["delete_help"] = spec.delete_help;
  view["add_heading"] = std::string("Add a ") + spec.noun;
  view["count"] = std::to_string(total) + " " + spec.noun + (total == 1 ? "" : "s");
  if (!notice.empty()) view["notice"] = notice;
  if (!error.empty()) view["error"] = error;
  for (const auto& r : rows) {
    bool refused_here = typed && typed->id == r.id;
    auto fields =
        FieldsHtml(ctx, spec, refused_here ? typed->values : r.values, "f" + std::to_string(r.id));
    if (!fields.ok()) return ErrorPageFor(ctx, fields.error());
    render::View row;
    row["id"] = std::to_string(r.id);
    row["name"] = r.name;
    row["path"] = spec.public_path + r.slug;
    row["fields_html"] = std::move(*fields);
    row["open"] = refused_here;
    view["rows"].Push(std::move(row));
  }
  Values fresh;
  if (kind == Kind::kSection) fresh["in_navigation"] = "1";
  auto new_fields = FieldsHtml(ctx, spec, typed && typed->id == 0 ? typed->values : fresh, "new");
  if (!new_fields.ok()) return ErrorPageFor(ctx, new_fields.error());
  view["new_fields_html"] = std::move(*new_fields);
  if (!next.empty())
    view["next_url"] = std::string(spec.base) + "?after=" + http::PercentEncode(next);
  if (!cursor.empty()) view["first_url"] = spec.base;
  PageMeta meta;
  meta.title = spec.title;
  return VisitorPage(ctx, visitor, meta, "pages/admin_structure", std::move(view), status);
}

http::Response ListPage(const ArticlesContext& ctx, const http::Request& request, Kind kind) {
  http::Response instead;
  auto visitor = SignedInVisitor(ctx, request, instead, kArrange);
  if (!visitor) return instead;
  auto query = http::Form::Parse(request.query);
  if (!query.ok()) return ErrorPage(ctx, 400);
  std::string done = query->Value("done");
  std::string after = query->Value("after");
  if (!after.empty() && !core::IsValidSlug(after)) return ErrorPage(ctx, 400);
  return RenderStructure(ctx, *visitor, kind, after,
                         done == "saved"     ? "Saved."
                         : done == "deleted" ? "Deleted."
                                             : "",
                         "", 200);
}

http::Response Submit(const ArticlesContext& ctx, const http::Request& request, Kind kind) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "", /*repair=*/true, kArrange);
  if (!posted) return instead;
  const KindSpec& spec = SpecOf(kind);
  const auto& form = posted->form;
  Typed typed{core::ParseId(form.Value("id")), ValuesFrom(spec, form)};
  if (posted->repaired) {
    return RenderStructure(ctx, posted->visitor, kind, "", "",
                           "Some characters could not be read; check the text and save again.", 400,
                           typed);
  }
  core::Result<void> saved;
  const Values& v = typed.values;
  if (kind == Kind::kSection) {
    articles::Section s;
    s.id = typed.id;
    s.name = v.at("name");
    s.slug = v.at("slug");
    s.description = v.at("description");
    auto position = core::ParseInt64(core::Trim(v.at("position")));
    s.position = v.at("position").empty() ? 0 : position.value_or(-1);
    s.in_navigation = !v.at("in_navigation").empty();
    s.opinion = !v.at("opinion").empty();
    auto r = ctx.structure.SaveSection(posted->visitor.actor, s);
    saved = r.ok() ? core::Result<void>() : core::Result<void>(r.error());
  } else if (kind == Kind::kTag) {
    auto r = ctx.structure.SaveTag(posted->visitor.actor, {typed.id, v.at("slug"), v.at("name")});
    saved = r.ok() ? core::Result<void>() : core::Result<void>(r.error());
  } else {
    articles::Author a;
    a.id = typed.id;
    a.name = v.at("name");
    a.slug = v.at("slug");
    a.role_title = v.at("role_title");
    a.bio = v.at("bio");
    a.photo = v.at("photo");
    // A staff account named by email links the author to it (their drafts credit them);
    // left empty, the link stays as it is.
    std::string staff(core::Trim(v.at("staff_email")));
    if (!staff.empty()) {
      auto user = ctx.accounts.FindByEmail(staff);
      if (!user.ok()) {
        if (user.error().code != core::ErrorCode::kNotFound) return ErrorPageFor(ctx, user.error());
        return RenderStructure(ctx, posted->visitor, kind, "", "",
                               "No account has the email " + staff + ".", 400, typed);
      }
      a.user_id = user->id;
    }
    auto r = ctx.structure.SaveAuthor(posted->visitor.actor, a);
    saved = r.ok() ? core::Result<void>() : core::Result<void>(r.error());
  }
  if (!saved.ok()) {
    auto shown = FormErrorFor(saved.error());
    if (!shown) return ErrorPageFor(ctx, saved.error());
    return RenderStructure(ctx, posted->visitor, kind, "", "", shown->message, shown->status,
                           typed);
  }
  // Readers' pages change at once on this node; other nodes follow the content generation.
  ctx.cache.Clear();
  return SeeOther(std::string(spec.base) + "?done=saved");
}

http::Response Delete(const ArticlesContext& ctx, const http::Request& request, Kind kind) {
  http::Response instead;
  auto posted = SignedInForm(ctx, request, instead, "", false, kArrange);
  if (!posted) return instead;
  int64_t id = core::ParseId(request.PathParam("id"));
  auto& actor = posted->visitor.actor;
  core::Result<void> deleted = kind == Kind::kSection ? ctx.structure.DeleteSection(actor, id)
                               : kind == Kind::kTag   ? ctx.structure.DeleteTag(actor, id)
                                                      : ctx.structure.DeleteAuthor(actor, id);
  if (!deleted.ok()) return ErrorPageFor(ctx, deleted.error());
  ctx.cache.Clear();
  return SeeOther(std::string(SpecOf(kind).base) + "?done=deleted");
}

}  // namespace

http::Response AdminSectionsPage(const ArticlesContext& ctx, const http::Request& request) {
  return ListPage(ctx, request, Kind::kSection);
}
http::Response AdminSectionSubmit(const ArticlesContext& ctx, const http::Request& request) {
  return Submit(ctx, request, Kind::kSection);
}
http::Response AdminSectionDelete(const ArticlesContext& ctx, const http::Request& request) {
  return Delete(ctx, request, Kind::kSection);
}
http::Response AdminTagsPage(const ArticlesContext& ctx, const http::Request& request) {
  return ListPage(ctx, request, Kind::kTag);
}
http::Response AdminTagSubmit(const ArticlesContext& ctx, const http::Request& request) {
  return Submit(ctx, request, Kind::kTag);
}
http::Response AdminTagDelete(const ArticlesContext& ctx, const http::Request& request) {
  return Delete(ctx, request, Kind::kTag);
}
http::Response AdminAuthorsPage(const ArticlesContext& ctx, const http::Request& request) {
  return ListPage(ctx, request, Kind::kAuthor);
}
http::Response AdminAuthorSubmit(const ArticlesContext& ctx, const http::Request& request) {
  return Submit(ctx, request, Kind::kAuthor);
}
http::Response AdminAuthorDelete(const ArticlesContext& ctx, const http::Request& request) {
  return Delete(ctx, request, Kind::kAuthor);
}

}  // namespace dateline::web
