#include "platform/project/Datafile.h"

#include "engine/base/Exception.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace pipit
{

namespace
{

const std::set<std::string> & datasourceDirectives()
{
    static const std::set<std::string> names = {
        "DESCRIPTION",
        "SCHEMA",
        "INDEXES",
        "ENGINE",
        "ENGINE_SORTING_KEY",
        "ENGINE_PARTITION_KEY",
        "ENGINE_PRIMARY_KEY",
        "ENGINE_SAMPLING_KEY",
        "ENGINE_TTL",
        "ENGINE_SETTINGS",
        "ENGINE_VER",
        "ENGINE_IS_DELETED",
        "ENGINE_SIGN",
        "ENGINE_VERSION",
        "ENGINE_SUMMING_COLUMNS",
        "PARTITION_KEY",
        "SORTING_KEY",
        "PRIMARY_KEY",
        "SAMPLING_KEY",
        "TTL",
        "FORWARD_QUERY",
        "BACKFILL",
        "TOKEN",
        "SHARED_WITH",
        "TAGS",
        "KAFKA_CONNECTION_NAME",
        "KAFKA_TOPIC",
        "KAFKA_GROUP_ID",
        "KAFKA_AUTO_OFFSET_RESET",
        "KAFKA_STORE_RAW_VALUE",
        "KAFKA_STORE_HEADERS",
        "KAFKA_KEY_FORMAT",
        "KAFKA_VALUE_FORMAT",
        "KAFKA_TARGET_PARTITIONS",
        "KAFKA_STORE_BINARY_HEADERS",
        "IMPORT_CONNECTION_NAME",
        "IMPORT_BUCKET_URI",
        "IMPORT_SCHEDULE",
        "IMPORT_FROM_TIMESTAMP",
        "IMPORT_STRATEGY",
        "IMPORT_SERVICE",
        "IMPORT_EXTERNAL_DATASOURCE",
        "IMPORT_QUERY",
        "IMPORT_TABLE_ARN",
        "IMPORT_EXPORT_BUCKET",
    };
    return names;
}

const std::set<std::string> & pipeDirectives()
{
    static const std::set<std::string> names = {
        "DESCRIPTION",
        "TAGS",
        "TOKEN",
        "NODE",
        "SQL",
        "TYPE",
        "DATASOURCE",
        "DEPLOYMENT_METHOD",
        "TARGET_DATASOURCE",
        "COPY_SCHEDULE",
        "COPY_MODE",
        "MODE",
        "EXPORT_CONNECTION_NAME",
        "EXPORT_KAFKA_TOPIC",
        "EXPORT_SCHEDULE",
        "EXPORT_BUCKET_URI",
        "EXPORT_FILE_TEMPLATE",
        "EXPORT_FORMAT",
        "EXPORT_COMPRESSION",
        "EXPORT_STRATEGY",
        "EXPORT_WRITE_STRATEGY",
        "CACHE",
    };
    return names;
}

const std::set<std::string> & connectionDirectives()
{
    static const std::set<std::string> names = {
        "DESCRIPTION",
        "TYPE",
        "KAFKA_BOOTSTRAP_SERVERS",
        "KAFKA_SECURITY_PROTOCOL",
        "KAFKA_SASL_MECHANISM",
        "KAFKA_KEY",
        "KAFKA_SECRET",
        "KAFKA_SCHEMA_REGISTRY_URL",
        "KAFKA_SSL_CA_PEM",
        "KAFKA_SASL_OAUTHBEARER_METHOD",
        "KAFKA_SASL_OAUTHBEARER_AWS_REGION",
        "KAFKA_SASL_OAUTHBEARER_AWS_ROLE_ARN",
        "KAFKA_SASL_OAUTHBEARER_AWS_EXTERNAL_ID",
        "S3_REGION",
        "S3_ARN",
        "S3_ACCESS_KEY",
        "S3_SECRET",
        "GCS_SERVICE_ACCOUNT_CREDENTIALS_JSON",
        "GCS_HMAC_ACCESS_ID",
        "GCS_HMAC_SECRET",
        "GCS_ACCESS_ID",
        "GCS_SECRET",
    };
    return names;
}

constexpr size_t max_include_depth = 16;

struct SourceLine
{
    std::string text;
    std::string file;
    size_t line = 0;
    size_t include_depth = 0;
};

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

std::string trim(std::string_view s)
{
    size_t begin = 0;
    size_t end = s.size();
    while (begin < end && (isBlank(s[begin]) || s[begin] == '\r' || s[begin] == '\n'))
        ++begin;
    while (end > begin && (isBlank(s[end - 1]) || s[end - 1] == '\r' || s[end - 1] == '\n'))
        --end;
    return std::string(s.substr(begin, end - begin));
}

std::string toUpper(std::string s)
{
    for (auto & c : s)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return s;
}

std::vector<SourceLine> splitLines(std::string_view text, const std::string & file, size_t depth)
{
    std::vector<SourceLine> lines;
    size_t pos = 0;
    size_t number = 1;
    while (pos < text.size())
    {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        std::string line(text.substr(pos, end - pos));
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back({std::move(line), file, number, depth});
        ++number;
        pos = end + 1;
    }
    return lines;
}

/// The part of a directive line after its name, without a trailing `#` comment (a `#` that starts a
/// word outside quotes), trimmed.
std::string restOfLine(std::string_view line)
{
    size_t pos = 0;
    while (pos < line.size() && isBlank(line[pos]))
        ++pos;
    while (pos < line.size() && !isBlank(line[pos]))
        ++pos;
    std::string_view rest = line.substr(pos);
    char quote = 0;
    bool word_start = true;
    for (size_t i = 0; i < rest.size(); ++i)
    {
        char c = rest[i];
        if (quote)
        {
            if (c == '\\' && quote == '"' && i + 1 < rest.size())
                ++i;
            else if (c == quote)
                quote = 0;
            word_start = false;
            continue;
        }
        if (c == '"' || c == '\'')
            quote = c;
        else if (c == '#' && word_start)
            return trim(rest.substr(0, i));
        word_start = isBlank(c);
    }
    return trim(rest);
}

/// Removes the longest whitespace prefix common to all non-blank lines (Python's textwrap.dedent),
/// drops leading and trailing blank lines.
std::string dedentBlock(const std::vector<std::string> & lines)
{
    std::optional<std::string> common;
    for (const auto & line : lines)
    {
        if (trim(line).empty())
            continue;
        size_t n = 0;
        while (n < line.size() && isBlank(line[n]))
            ++n;
        std::string prefix = line.substr(0, n);
        if (!common)
            common = prefix;
        else
        {
            size_t k = 0;
            while (k < common->size() && k < prefix.size() && (*common)[k] == prefix[k])
                ++k;
            common->resize(k);
        }
    }
    size_t first = 0;
    size_t last = lines.size();
    while (first < last && trim(lines[first]).empty())
        ++first;
    while (last > first && trim(lines[last - 1]).empty())
        --last;
    std::string out;
    for (size_t i = first; i < last; ++i)
    {
        const std::string & line = lines[i];
        if (trim(line).empty())
        {
            out += '\n';
            continue;
        }
        out += line.substr(common ? common->size() : 0);
        out += '\n';
    }
    if (!out.empty())
        out.pop_back();
    return out;
}

/// `$VAR` and `${VAR}` replaced by the INCLUDE's variables; unknown variables are left as written
/// (Python's string.Template.safe_substitute).
std::string substituteVariables(const std::string & text, const std::map<std::string, std::string> & variables)
{
    if (variables.empty())
        return text;
    auto is_ident = [](char c, bool first)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
    };
    std::string out;
    for (size_t i = 0; i < text.size(); ++i)
    {
        if (text[i] != '$' || i + 1 >= text.size())
        {
            out += text[i];
            continue;
        }
        if (text[i + 1] == '$')
        {
            out += '$';
            ++i;
            continue;
        }
        size_t begin = i + 1;
        bool braced = text[begin] == '{';
        if (braced)
            ++begin;
        size_t end = begin;
        while (end < text.size() && is_ident(text[end], end == begin))
            ++end;
        if (end == begin || (braced && (end >= text.size() || text[end] != '}')))
        {
            out += text[i];
            continue;
        }
        auto it = variables.find(text.substr(begin, end - begin));
        if (it == variables.end())
        {
            out += text[i];
            continue;
        }
        out += it->second;
        i = braced ? end : end - 1;
    }
    return out;
}

std::string readWholeFile(const std::filesystem::path & path, const std::string & location)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throwDatafileError(location, "cannot read file " + path.string());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

} // namespace

const char * datafileKindName(DatafileKind kind)
{
    switch (kind)
    {
    case DatafileKind::Datasource:
        return "datasource";
    case DatafileKind::Pipe:
        return "pipe";
    case DatafileKind::Connection:
        return "connection";
    }
    return "datafile";
}

std::string DatafileDirective::location() const
{
    return file + ":" + std::to_string(line);
}

void throwDatafileError(const std::string & location, const std::string & message)
{
    throw Exception(ErrorCode::DATAFILE_ERROR, location + ": " + message);
}

bool isValidResourceName(std::string_view name)
{
    if (name.empty())
        return false;
    char first = name[0];
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_'))
        return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool Datafile::isKnownDirective(DatafileKind kind, const std::string & upper_name)
{
    if (upper_name == "INCLUDE" || upper_name == "VERSION")
        return true;
    switch (kind)
    {
    case DatafileKind::Datasource:
        return datasourceDirectives().contains(upper_name);
    case DatafileKind::Pipe:
        return pipeDirectives().contains(upper_name);
    case DatafileKind::Connection:
        return connectionDirectives().contains(upper_name);
    }
    return false;
}

std::vector<std::string> Datafile::splitLine(std::string_view line, const std::string & location)
{
    std::vector<std::string> tokens;
    std::string token;
    bool in_token = false;
    size_t i = 0;
    while (i < line.size())
    {
        char c = line[i];
        if (isBlank(c) || c == '\r' || c == '\n')
        {
            if (in_token)
                tokens.push_back(std::move(token));
            token.clear();
            in_token = false;
            ++i;
            continue;
        }
        if (c == '#' && !in_token)
            break;
        in_token = true;
        if (c == '\'')
        {
            size_t end = line.find('\'', i + 1);
            if (end == std::string_view::npos)
                throwDatafileError(location, "No closing quotation");
            token.append(line.substr(i + 1, end - i - 1));
            i = end + 1;
        }
        else if (c == '"')
        {
            ++i;
            bool closed = false;
            while (i < line.size())
            {
                char d = line[i];
                if (d == '"')
                {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == '\\' && i + 1 < line.size() &&
                    (line[i + 1] == '"' || line[i + 1] == '\\' || line[i + 1] == '$' || line[i + 1] == '`'))
                {
                    token += line[i + 1];
                    i += 2;
                    continue;
                }
                token += d;
                ++i;
            }
            if (!closed)
                throwDatafileError(location, "No closing quotation");
        }
        else if (c == '\\' && i + 1 < line.size())
        {
            token += line[i + 1];
            i += 2;
        }
        else
        {
            token += c;
            ++i;
        }
    }
    if (in_token)
        tokens.push_back(std::move(token));
    return tokens;
}

std::string Datafile::quote(const std::string & value)
{
    std::string out = "\"";
    for (char c : value)
    {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

std::string Datafile::indentBlock(const std::string & text)
{
    std::string out;
    size_t pos = 0;
    while (pos <= text.size())
    {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        std::string_view line(text.data() + pos, end - pos);
        if (!trim(line).empty())
        {
            out += "    ";
            out += line;
        }
        out += '\n';
        pos = end + 1;
    }
    return out;
}

Datafile Datafile::load(const std::filesystem::path & path, DatafileKind kind, const std::filesystem::path & project_root)
{
    std::string text = readWholeFile(path, path.string());
    return parse(text, path.string(), kind, project_root);
}

Datafile Datafile::parse(std::string_view text, const std::string & path, DatafileKind kind, const std::filesystem::path & project_root)
{
    Datafile result;
    result.kind_ = kind;
    result.path_ = path;

    std::vector<SourceLine> lines = splitLines(text, path, 0);
    std::optional<DatafileDirective> block;
    std::vector<std::string> block_lines;
    std::vector<size_t> block_line_numbers;
    auto finish_block = [&]
    {
        if (!block)
            return;
        block->block = dedentBlock(block_lines);
        for (size_t k = 0; k < block_lines.size(); ++k)
            if (!trim(block_lines[k]).empty())
            {
                block->block_line = block_line_numbers[k];
                break;
            }
        block_line_numbers.clear();
        result.directives_.push_back(std::move(*block));
        block.reset();
        block_lines.clear();
    };

    for (size_t i = 0; i < lines.size(); ++i)
    {
        const SourceLine & source = lines[i];
        const std::string & raw = source.text;
        std::string location = source.file + ":" + std::to_string(source.line);
        bool indented = !raw.empty() && isBlank(raw[0]);
        std::string trimmed = trim(raw);

        if (block)
        {
            if (indented || trimmed.empty())
            {
                block_lines.push_back(raw);
                block_line_numbers.push_back(source.line);
                continue;
            }
            size_t word_end = 0;
            while (word_end < raw.size() && !isBlank(raw[word_end]))
                ++word_end;
            std::string word = toUpper(raw.substr(0, word_end));
            // SETTINGS ends a block too, so that it is reported instead of swallowed.
            if (!isKnownDirective(kind, word) && !(kind == DatafileKind::Datasource && word == "SETTINGS"))
            {
                block_lines.push_back(raw);
                block_line_numbers.push_back(source.line);
                continue;
            }
            finish_block();
        }

        if (trimmed.empty() || trimmed[0] == '#')
            continue;
        std::vector<std::string> tokens = splitLine(raw, location);
        if (tokens.empty())
            continue;
        DatafileDirective directive;
        directive.name = toUpper(tokens[0]);
        directive.args.assign(tokens.begin() + 1, tokens.end());
        directive.file = source.file;
        directive.line = source.line;

        if (!isKnownDirective(kind, directive.name))
        {
            if (directive.name == "SETTINGS" && kind == DatafileKind::Datasource)
                throwDatafileError(location, "SETTINGS is not a valid option in datasource files. Use ENGINE_SETTINGS instead.");
            throwDatafileError(location, directive.name + " is not a valid option in " + datafileKindName(kind) + " files.");
        }

        if (!directive.args.empty() && directive.args[0] == ">")
        {
            if (directive.name == "INCLUDE" || directive.name == "VERSION")
                throwDatafileError(location, directive.name + " does not take a block");
            directive.is_block = true;
            directive.args.clear();
            block = std::move(directive);
            continue;
        }

        if (directive.args.size() == 1)
            directive.value = directive.args[0];
        else if (!directive.args.empty())
            directive.value = restOfLine(raw);

        if (directive.name == "VERSION")
        {
            result.warnings_.push_back(location + ": VERSION is deprecated and ignored");
            continue;
        }
        if (directive.name == "KAFKA_TARGET_PARTITIONS" || directive.name == "KAFKA_STORE_BINARY_HEADERS")
            result.warnings_.push_back(location + ": " + directive.name + " is deprecated");
        if (directive.name == "INCLUDE")
        {
            if (directive.args.empty())
                throwDatafileError(location, "INCLUDE needs a file path");
            if (source.include_depth >= max_include_depth)
                throwDatafileError(location, "INCLUDE nested too deeply (more than " + std::to_string(max_include_depth) + " levels)");
            std::map<std::string, std::string> variables;
            for (size_t a = 1; a < directive.args.size(); ++a)
            {
                size_t eq = directive.args[a].find('=');
                if (eq == std::string::npos || eq == 0)
                    throwDatafileError(location, "INCLUDE variable must be NAME=value, got '" + directive.args[a] + "'");
                variables[directive.args[a].substr(0, eq)] = directive.args[a].substr(eq + 1);
            }
            std::filesystem::path include_path(directive.args[0]);
            std::filesystem::path resolved;
            if (include_path.is_absolute())
                resolved = include_path;
            else
            {
                std::filesystem::path beside = std::filesystem::path(source.file).parent_path() / include_path;
                if (std::filesystem::exists(beside))
                    resolved = beside;
                else if (!project_root.empty() && std::filesystem::exists(project_root / include_path))
                    resolved = project_root / include_path;
            }
            std::error_code ec;
            if (resolved.empty() || !std::filesystem::is_regular_file(resolved, ec))
                throwDatafileError(location, "Include file not found: " + directive.args[0]);
            std::string included = substituteVariables(readWholeFile(resolved, location), variables);
            std::vector<SourceLine> spliced = splitLines(included, resolved.lexically_normal().string(), source.include_depth + 1);
            lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i) + 1, spliced.begin(), spliced.end());
            continue;
        }
        result.directives_.push_back(std::move(directive));
    }
    finish_block();
    return result;
}

} // namespace pipit
