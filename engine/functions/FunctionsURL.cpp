#include "engine/functions/FunctionRegistry.h"
#include "engine/functions/FunctionStringToStrings.h"
#include "engine/functions/FunctionStringTransform.h"
#include "engine/functions/StringSearcher.h"

#include <optional>

/// URL functions with ClickHouse's parsing rules (no validation; a part that cannot be found is '').

namespace pipit
{

namespace
{

bool isAlphaNumericASCII(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// Characters that make getURLHost give up.
bool isRestrictedHostChar(char c)
{
    switch (c)
    {
    case ' ':
    case '\t':
    case '<':
    case '>':
    case '%':
    case '{':
    case '}':
    case '|':
    case '\\':
    case '^':
    case '~':
    case '[':
    case ']':
    case ';':
    case '=':
    case '&':
        return true;
    default:
        return false;
    }
}

const char * findFirstOf(const char * p, const char * end, std::string_view symbols)
{
    for (; p < end; ++p)
        if (symbols.find(*p) != std::string_view::npos)
            return p;
    return end;
}

/// The scheme: letters, digits, '+', '-', '.' starting with a letter, followed by ':'.
std::string_view urlProtocol(std::string_view url)
{
    const char * data = url.data();
    const char * end = data + url.size();
    const char * pos = data;
    if (pos == end || !((*pos >= 'a' && *pos <= 'z') || (*pos >= 'A' && *pos <= 'Z')))
        return {};
    while (pos < end && (isAlphaNumericASCII(*pos) || *pos == '+' || *pos == '-' || *pos == '.'))
        ++pos;
    if (pos == end || *pos != ':')
        return {};
    return {data, static_cast<size_t>(pos - data)};
}

/// The host, as ClickHouse's getURLHost: after "scheme://" (or "//"), up to ':', '/', '?' or '#',
/// after any '@'; it must contain a dot not at its end.
std::string_view urlHost(std::string_view url)
{
    const char * data = url.data();
    const size_t size = url.size();
    const char * end = data + size;
    const char * pos = data;
    if (size == 0)
        return {};
    if (size >= 2 && pos[0] == '/' && pos[1] == '/')
        pos += 2;
    else
    {
        const char * scheme_end = data + std::min<size_t>(size, 16);
        for (++pos; pos < scheme_end; ++pos)
        {
            if (isAlphaNumericASCII(*pos) || *pos == '.' || *pos == '-' || *pos == '+')
                continue;
            if (isRestrictedHostChar(*pos))
                return {};
            break;
        }
        if (scheme_end - pos > 2 && pos[0] == ':' && pos[1] == '/' && pos[2] == '/')
            pos += 3;
        else
            pos = data;
    }
    const char * dot_pos = nullptr;
    const char * start_of_host = pos;
    for (; pos < end; ++pos)
    {
        const char c = *pos;
        if (c == '.')
            dot_pos = pos;
        else if (c == ':' || c == '/' || c == '?' || c == '#')
            break;
        else if (c == '@')
            start_of_host = pos + 1;
        else if (isRestrictedHostChar(c))
            return {};
    }
    if (!dot_pos || start_of_host >= pos || pos - dot_pos == 1 || *start_of_host == '.')
        return {};
    const char after_dot = dot_pos[1];
    if (after_dot == ':' || after_dot == '/' || after_dot == '?' || after_dot == '#')
        return {};
    return {start_of_host, static_cast<size_t>(pos - start_of_host)};
}

std::string_view withoutWWW(std::string_view host)
{
    if (host.size() >= 4 && host.substr(0, 4) == "www.")
        host.remove_prefix(4);
    return host;
}

/// Path start: the first '/' after "//" of the authority, or npos.
size_t urlPathStart(std::string_view url)
{
    size_t slash = url.find('/');
    if (slash == std::string_view::npos || slash + 1 >= url.size() || url[slash + 1] != '/')
        return std::string_view::npos;
    return url.find('/', slash + 2);
}

/// [begin, end) of the query string including '?' up to '#', or an empty range.
std::pair<size_t, size_t> urlQueryRange(std::string_view url)
{
    size_t q = url.find('?');
    if (q == std::string_view::npos)
        return {url.size(), url.size()};
    size_t f = url.find('#', q);
    return {q, f == std::string_view::npos ? url.size() : f};
}

struct NameProtocol
{
    static constexpr const char * name = "protocol";
    static void apply(std::string_view in, ColumnString::Chars & out) { appendChars(out, urlProtocol(in)); }
};
struct NameDomain
{
    static constexpr const char * name = "domain";
    static void apply(std::string_view in, ColumnString::Chars & out) { appendChars(out, urlHost(in)); }
};
struct NameDomainWithoutWWW
{
    static constexpr const char * name = "domainWithoutWWW";
    static void apply(std::string_view in, ColumnString::Chars & out) { appendChars(out, withoutWWW(urlHost(in))); }
};
struct NameTopLevelDomain
{
    static constexpr const char * name = "topLevelDomain";
    static void apply(std::string_view in, ColumnString::Chars & out)
    {
        std::string_view host = urlHost(in);
        if (host.empty())
            return;
        if (host.back() == '.')
            host.remove_suffix(1);
        size_t dot = host.rfind('.');
        if (dot == std::string_view::npos || dot + 1 >= host.size() || host[dot + 1] <= '9')
            return;
        appendChars(out, host.substr(dot + 1));
    }
};
struct NamePath
{
    static constexpr const char * name = "path";
    static void apply(std::string_view in, ColumnString::Chars & out)
    {
        size_t start = urlPathStart(in);
        if (start == std::string_view::npos)
            return;
        const char * end = findFirstOf(in.data() + start, in.data() + in.size(), "?#");
        appendChars(out, std::string_view(in.data() + start, static_cast<size_t>(end - (in.data() + start))));
    }
};
struct NamePathFull
{
    static constexpr const char * name = "pathFull";
    static void apply(std::string_view in, ColumnString::Chars & out)
    {
        size_t start = urlPathStart(in);
        if (start != std::string_view::npos)
            appendChars(out, in.substr(start));
    }
};
struct NameQueryString
{
    static constexpr const char * name = "queryString";
    static void apply(std::string_view in, ColumnString::Chars & out)
    {
        auto [b, e] = urlQueryRange(in);
        if (b < e)
            appendChars(out, in.substr(b + 1, e - b - 1));
    }
};
struct NameFragment
{
    static constexpr const char * name = "fragment";
    static void apply(std::string_view in, ColumnString::Chars & out)
    {
        size_t f = in.find('#');
        if (f != std::string_view::npos)
            appendChars(out, in.substr(f + 1));
    }
};
struct NameQueryStringAndFragment
{
    static constexpr const char * name = "queryStringAndFragment";
    static void apply(std::string_view in, ColumnString::Chars & out)
    {
        size_t q = in.find('?');
        if (q != std::string_view::npos)
            appendChars(out, in.substr(q + 1));
        else if (size_t f = in.find('#'); f != std::string_view::npos)
            appendChars(out, in.substr(f));
    }
};
struct NameCutQueryString
{
    static constexpr const char * name = "cutQueryString";
    static void apply(std::string_view in, ColumnString::Chars & out)
    {
        auto [b, e] = urlQueryRange(in);
        appendChars(out, in.substr(0, b));
        appendChars(out, in.substr(e));
    }
};
struct NameCutFragment
{
    static constexpr const char * name = "cutFragment";
    static void apply(std::string_view in, ColumnString::Chars & out) { appendChars(out, in.substr(0, std::min(in.find('#'), in.size()))); }
};
struct NameCutQueryStringAndFragment
{
    static constexpr const char * name = "cutQueryStringAndFragment";
    static void apply(std::string_view in, ColumnString::Chars & out)
    {
        appendChars(out, in.substr(0, std::min(in.find_first_of("?#"), in.size())));
    }
};
struct NameCutWWW
{
    static constexpr const char * name = "cutWWW";
    static void apply(std::string_view in, ColumnString::Chars & out)
    {
        const size_t protocol = urlProtocol(in).size();
        const size_t pos = protocol + 3;
        if (pos < in.size() && in[pos - 1] == '/' && in[pos - 2] == '/' && pos + 4 < in.size() && in.substr(pos, 4) == "www.")
        {
            appendChars(out, in.substr(0, pos));
            appendChars(out, in.substr(pos + 4));
        }
        else
            appendChars(out, in);
    }
};

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

struct NameDecodeURLComponent
{
    static constexpr const char * name = "decodeURLComponent";
    static void apply(std::string_view in, ColumnString::Chars & out)
    {
        for (size_t i = 0; i < in.size(); ++i)
        {
            if (in[i] == '%' && i + 2 < in.size() && hexValue(in[i + 1]) >= 0 && hexValue(in[i + 2]) >= 0)
            {
                out.push_back(static_cast<char>(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2])));
                i += 2;
            }
            else
                out.push_back(in[i]);
        }
    }
};
struct NameEncodeURLComponent
{
    static constexpr const char * name = "encodeURLComponent";
    static void apply(std::string_view in, ColumnString::Chars & out)
    {
        static constexpr char hex[] = "0123456789ABCDEF";
        for (char c : in)
        {
            if (isAlphaNumericASCII(c) || c == '-' || c == '_' || c == '.' || c == '~')
                out.push_back(c);
            else
            {
                const auto u = static_cast<unsigned char>(c);
                out.push_back('%');
                out.push_back(hex[u >> 4]);
                out.push_back(hex[u & 15]);
            }
        }
    }
};

/// Parameters of the query string and fragment: tokens between '?', '#' and '&' after the first
/// '?' or '#'; empty tokens skipped.
template <typename Emit>
void forEachURLParameter(std::string_view url, Emit && emit)
{
    size_t start = url.find_first_of("?#");
    if (start == std::string_view::npos)
        return;
    ++start;
    while (start < url.size())
    {
        size_t end = url.find_first_of("&#", start);
        if (end == std::string_view::npos)
            end = url.size();
        /// Only name=value tokens are parameters.
        if (end > start && url.substr(start, end - start).find('=') != std::string_view::npos)
            emit(url.substr(start, end - start));
        start = end + 1;
    }
}

struct NameExtractURLParameters
{
    static constexpr const char * name = "extractURLParameters";
    template <typename Emit>
    static void tokens(std::string_view in, Emit && emit)
    {
        forEachURLParameter(in, emit);
    }
};
struct NameExtractURLParameterNames
{
    static constexpr const char * name = "extractURLParameterNames";
    template <typename Emit>
    static void tokens(std::string_view in, Emit && emit)
    {
        forEachURLParameter(in, [&](std::string_view p) { emit(p.substr(0, std::min(p.find('='), p.size()))); });
    }
};

/// Length of the "scheme://host/" prefix as ClickHouse's URL(Path)Hierarchy finds it, or 0 when
/// the URL has no such prefix. `host_end` is the position of the '/', '?' or '#' after the host.
size_t hierarchyPrefix(std::string_view url, size_t & host_end)
{
    size_t pos = 0;
    const size_t end = url.size();
    /// ClickHouse's scheme scan excludes 'a', 'z', '0' and '9'; kept for identical results.
    while (pos < end && ((url[pos] > 'a' && url[pos] < 'z') || (url[pos] > '0' && url[pos] < '9')))
        ++pos;
    if (pos == 0 || pos == end)
        return 0;
    if (!(url[pos++] == ':' && pos < end && url[pos++] == '/' && pos < end && url[pos++] == '/' && pos < end))
        return 0;
    while (pos < end && !(url[pos] == '/' || url[pos] == '?' || url[pos] == '#'))
        ++pos;
    host_end = pos;
    if (pos != end)
        ++pos;
    return pos;
}

bool isHierarchySeparator(char c)
{
    return c == '/' || c == '?' || c == '#';
}

/// Next hierarchy level end after `pos`: skip separators, then up to and including the next one.
/// Returns false when nothing follows.
bool nextHierarchyLevel(std::string_view url, size_t & pos)
{
    while (pos < url.size() && isHierarchySeparator(url[pos]))
        ++pos;
    if (pos == url.size())
        return false;
    while (pos < url.size() && !isHierarchySeparator(url[pos]))
        ++pos;
    if (pos != url.size())
        ++pos;
    return true;
}

struct NameURLHierarchy
{
    static constexpr const char * name = "URLHierarchy";
    template <typename Emit>
    static void tokens(std::string_view in, Emit && emit)
    {
        size_t host_end = 0;
        size_t pos = hierarchyPrefix(in, host_end);
        if (pos == 0)
        {
            /// Without "scheme://host", the whole URL is the only level.
            if (!in.empty())
                emit(in);
            return;
        }
        emit(in.substr(0, pos));
        while (nextHierarchyLevel(in, pos))
            emit(in.substr(0, pos));
    }
};
struct NameURLPathHierarchy
{
    static constexpr const char * name = "URLPathHierarchy";
    template <typename Emit>
    static void tokens(std::string_view in, Emit && emit)
    {
        size_t host_end = 0;
        size_t pos = hierarchyPrefix(in, host_end);
        if (pos == 0)
            return;
        while (nextHierarchyLevel(in, pos))
            emit(in.substr(host_end, pos - host_end));
    }
};

/// extractURLParameter(url, name): the raw value of the first `name=` that follows '?', '#' or '&'.
class FunctionExtractURLParameter final : public IFunction
{
public:
    std::string getName() const override { return "extractURLParameter"; }
    size_t getNumberOfArguments() const override { return 2; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        for (size_t i = 0; i < 2; ++i)
            if (arguments[i].type->getTypeId() != TypeIndex::String)
                throwIllegalType(arguments, i);
        return typeString();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        StringArgument urls(*arguments[0].column);
        StringArgument names(*arguments[1].column);
        auto res = ColumnString::create();
        auto & chars = res->getChars();
        auto & offsets = res->getOffsets();
        offsets.resize(rows);
        std::optional<StringSearcher> const_searcher;
        if (names.isConst())
            const_searcher.emplace(std::string(names.constValue()) + "=");
        for (size_t i = 0; i < rows; ++i)
        {
            std::optional<StringSearcher> row_searcher;
            if (!const_searcher)
                row_searcher.emplace(std::string(names[i]) + "=");
            const StringSearcher & searcher = const_searcher ? *const_searcher : *row_searcher;
            appendChars(chars, find(urls[i], searcher));
            offsets[i] = chars.size();
        }
        return res;
    }

private:
    static std::string_view find(std::string_view url, const StringSearcher & searcher)
    {
        const char * begin = url.data();
        const char * end = begin + url.size();
        const char * pos = findFirstOf(begin, end, "?#");
        if (pos == end)
            return {};
        ++pos;
        const size_t n = searcher.needle().size();
        while (pos < end)
        {
            const char * match = searcher.search(pos, end);
            if (match == end)
                return {};
            const char prev = match[-1];
            if (prev == '?' || prev == '#' || prev == '&')
            {
                const char * value = match + n;
                const char * value_end = findFirstOf(value, end, "&#");
                return {value, static_cast<size_t>(value_end - value)};
            }
            pos = match + n;
        }
        return {};
    }
};

template <typename Impl>
void addTransform(FunctionRegistry & registry, const char * description, const char * example)
{
    registry.add({Impl::name, [] { return std::make_shared<FunctionStringTransform<Impl>>(); }, description, example, false, ""});
}

template <typename Impl>
void addToStrings(FunctionRegistry & registry, const char * description, const char * example)
{
    registry.add({Impl::name, [] { return std::make_shared<FunctionStringToStrings<Impl>>(); }, description, example, false, ""});
}

} // namespace

void registerFunctionsURL(FunctionRegistry & registry)
{
    addTransform<NameProtocol>(registry, "Scheme of the URL", "SELECT protocol('https://example.com/a')");
    addTransform<NameDomain>(registry, "Host of the URL", "SELECT domain('https://www.example.com:8080/a')");
    addTransform<NameDomainWithoutWWW>(registry, "Host of the URL without a leading www.", "SELECT domainWithoutWWW('https://www.example.com/a')");
    addTransform<NameTopLevelDomain>(registry, "Last label of the URL's host", "SELECT topLevelDomain('https://www.example.co.uk/')");
    addTransform<NamePath>(registry, "Path of the URL without query string and fragment", "SELECT path('https://example.com/a/b?x=1')");
    addTransform<NamePathFull>(registry, "Path of the URL with query string and fragment", "SELECT pathFull('https://example.com/a/b?x=1#f')");
    addTransform<NameQueryString>(registry, "Query string of the URL without '?' and fragment", "SELECT queryString('https://e.com/?a=1&b=2#f')");
    addTransform<NameFragment>(registry, "Fragment of the URL without '#'", "SELECT fragment('https://e.com/p#frag')");
    addTransform<NameQueryStringAndFragment>(registry, "Query string and fragment of the URL", "SELECT queryStringAndFragment('https://e.com/?a=1#f')");
    addTransform<NameCutQueryString>(registry, "URL without its query string", "SELECT cutQueryString('https://e.com/p?a=1#f')");
    addTransform<NameCutFragment>(registry, "URL without its fragment", "SELECT cutFragment('https://e.com/p?a=1#f')");
    addTransform<NameCutQueryStringAndFragment>(registry, "URL without query string and fragment",
                                               "SELECT cutQueryStringAndFragment('https://e.com/p?a=1#f')");
    addTransform<NameCutWWW>(registry, "URL without the www. of its host", "SELECT cutWWW('https://www.e.com/p')");
    addTransform<NameDecodeURLComponent>(registry, "Percent-decoded string", "SELECT decodeURLComponent('a%20b')");
    addTransform<NameEncodeURLComponent>(registry, "Percent-encoded string (all but A-Z a-z 0-9 - _ . ~)", "SELECT encodeURLComponent('a b/c')");
    addToStrings<NameExtractURLParameters>(registry, "name=value parameters of the URL", "SELECT extractURLParameters('https://e.com/?a=1&b=2')");
    addToStrings<NameExtractURLParameterNames>(registry, "Parameter names of the URL", "SELECT extractURLParameterNames('https://e.com/?a=1&b=2')");
    addToStrings<NameURLHierarchy>(registry, "URL prefixes cut at each path level", "SELECT URLHierarchy('https://e.com/a/b?x')");
    addToStrings<NameURLPathHierarchy>(registry, "Path prefixes of the URL at each level", "SELECT URLPathHierarchy('https://e.com/a/b?x')");
    registry.add({"extractURLParameter", [] { return std::make_shared<FunctionExtractURLParameter>(); },
                  "Raw value of the named URL parameter, '' if absent", "SELECT extractURLParameter('https://e.com/?a=1&b=2', 'b')", false, ""});
}

} // namespace pipit
