#include "platform/project/DatasourceDefinition.h"

#include "engine/base/Exception.h"
#include "engine/types/IDataType.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace pipit
{

namespace
{

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

bool isWordChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string trimText(std::string_view s)
{
    size_t begin = 0;
    size_t end = s.size();
    while (begin < end && (isSpace(s[begin]) || s[begin] == '\n'))
        ++begin;
    while (end > begin && (isSpace(s[end - 1]) || s[end - 1] == '\n'))
        --end;
    return std::string(s.substr(begin, end - begin));
}

std::string upper(std::string s)
{
    for (auto & c : s)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return s;
}

/// Case-insensitive keyword at `pos` followed by a non-word character.
bool keywordAt(std::string_view text, size_t pos, std::string_view keyword)
{
    if (pos + keyword.size() > text.size())
        return false;
    for (size_t i = 0; i < keyword.size(); ++i)
    {
        char c = text[pos + i];
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        if (c != keyword[i])
            return false;
    }
    return pos + keyword.size() == text.size() || !isWordChar(text[pos + keyword.size()]);
}

/// Cursor over the SCHEMA text that knows its file line.
class SchemaReader
{
public:
    SchemaReader(std::string_view text, const std::string & file, size_t first_line)
        : text_(text)
        , file_(file)
        , line_(first_line)
    {
    }

    bool eof() const { return pos_ >= text_.size(); }
    char peek() const { return eof() ? '\0' : text_[pos_]; }
    size_t pos() const { return pos_; }
    size_t line() const { return line_; }
    std::string location() const { return file_ + ":" + std::to_string(line_); }
    std::string_view text() const { return text_; }

    void advance()
    {
        if (text_[pos_] == '\n')
            ++line_;
        ++pos_;
    }

    void skipBlanks()
    {
        while (!eof() && isSpace(peek()))
            advance();
    }

    /// Reads a quoted run starting at the opening quote; returns its content.
    std::string readQuoted(char quote)
    {
        size_t start_line = line_;
        advance();
        std::string out;
        while (!eof() && peek() != quote)
        {
            if (peek() == '\\' && pos_ + 1 < text_.size())
            {
                out += peek();
                advance();
            }
            if (peek() == '\n')
                throwDatafileError(file_ + ":" + std::to_string(start_line), "Unterminated quote in SCHEMA");
            out += peek();
            advance();
        }
        if (eof())
            throwDatafileError(file_ + ":" + std::to_string(start_line), "Unterminated quote in SCHEMA");
        advance();
        return out;
    }

    /// Reads `( ... )` with nested parentheses and quotes; returns the text between the outer parentheses.
    std::string readParenthesized()
    {
        size_t start_line = line_;
        size_t start = pos_;
        int depth = 0;
        while (!eof())
        {
            char c = peek();
            if (c == '\'' || c == '"' || c == '`')
            {
                readQuoted(c);
                continue;
            }
            if (c == '(')
                ++depth;
            else if (c == ')')
            {
                --depth;
                if (depth == 0)
                {
                    advance();
                    return std::string(text_.substr(start + 1, pos_ - start - 2));
                }
            }
            advance();
        }
        throwDatafileError(file_ + ":" + std::to_string(start_line), "Unbalanced parentheses in SCHEMA");
    }

    /// An expression up to a top-level `,`, end of line, CODEC keyword or `json:` path.
    std::string readExpression()
    {
        size_t start = pos_;
        int depth = 0;
        while (!eof())
        {
            char c = peek();
            if (c == '\'' || c == '"')
            {
                readQuoted(c);
                continue;
            }
            if (c == '`')
            {
                if (text_.substr(pos_, 6) == "`json:")
                    break;
                readQuoted(c);
                continue;
            }
            if (c == '(' || c == '[')
                ++depth;
            else if (c == ')' || c == ']')
                --depth;
            else if (depth <= 0 && (c == ',' || c == '\n'))
                break;
            else if (depth <= 0 && (pos_ == 0 || !isWordChar(text_[pos_ - 1])) && keywordAt(text_, pos_, "CODEC"))
                break;
            advance();
        }
        return trimText(text_.substr(start, pos_ - start));
    }

private:
    std::string_view text_;
    const std::string & file_;
    size_t line_;
    size_t pos_ = 0;
};

const std::vector<std::string> & knownEngines()
{
    static const std::vector<std::string> engines = {"MergeTree",
                                                     "ReplacingMergeTree",
                                                     "SummingMergeTree",
                                                     "AggregatingMergeTree",
                                                     "CollapsingMergeTree",
                                                     "VersionedCollapsingMergeTree",
                                                     "Null"};
    return engines;
}

std::vector<std::string> splitList(const std::string & text)
{
    std::vector<std::string> items;
    std::string current;
    for (char c : text)
    {
        if (c == ',' || c == '\n')
        {
            std::string item = trimText(current);
            if (!item.empty())
                items.push_back(item);
            current.clear();
        }
        else
            current += c;
    }
    std::string item = trimText(current);
    if (!item.empty())
        items.push_back(item);
    return items;
}

/// Position of a case-insensitive keyword surrounded by whitespace at parenthesis depth 0, or npos.
size_t findTopLevelKeyword(std::string_view text, std::string_view keyword, size_t from = 0)
{
    int depth = 0;
    char quote = 0;
    for (size_t i = from; i < text.size(); ++i)
    {
        char c = text[i];
        if (quote)
        {
            if (c == '\\')
                ++i;
            else if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`')
            quote = c;
        else if (c == '(')
            ++depth;
        else if (c == ')')
            --depth;
        else if (depth == 0 && i > 0 && isSpace(text[i - 1]) && keywordAt(text, i, keyword))
            return i;
    }
    return std::string_view::npos;
}

bool hasTopLevelComma(std::string_view text)
{
    int depth = 0;
    char quote = 0;
    for (size_t i = 0; i < text.size(); ++i)
    {
        char c = text[i];
        if (quote)
        {
            if (c == '\\')
                ++i;
            else if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`')
            quote = c;
        else if (c == '(' || c == '[')
            ++depth;
        else if (c == ')' || c == ']')
            --depth;
        else if (c == ',' && depth == 0)
            return true;
    }
    return false;
}

/// `a, b` -> `(a, b)`; a single expression stays as it is.
std::string keyExpression(const std::string & key)
{
    return hasTopLevelComma(key) ? "(" + key + ")" : key;
}

DatasourceIndex parseIndexLine(const std::string & line, const std::string & location)
{
    std::string text = trimText(line);
    if (!text.empty() && text.back() == ',')
        text = trimText(text.substr(0, text.size() - 1));
    DatasourceIndex index;
    size_t name_end = 0;
    while (name_end < text.size() && !isSpace(text[name_end]))
        ++name_end;
    index.name = text.substr(0, name_end);
    if (!index.name.empty() && index.name.front() == '`' && index.name.back() == '`' && index.name.size() >= 2)
        index.name = index.name.substr(1, index.name.size() - 2);
    size_t type_pos = findTopLevelKeyword(text, "TYPE", name_end);
    if (index.name.empty() || type_pos == std::string::npos)
        throwDatafileError(location, "Invalid index '" + text + "': expected `name expr TYPE type[(args)] GRANULARITY n`");
    index.expr = trimText(std::string_view(text).substr(name_end, type_pos - name_end));
    size_t granularity_pos = findTopLevelKeyword(text, "GRANULARITY", type_pos + 4);
    if (granularity_pos == std::string::npos)
        index.type = trimText(std::string_view(text).substr(type_pos + 4));
    else
    {
        index.type = trimText(std::string_view(text).substr(type_pos + 4, granularity_pos - type_pos - 4));
        index.granularity = trimText(std::string_view(text).substr(granularity_pos + 11));
        if (index.granularity.empty() ||
            !std::all_of(index.granularity.begin(), index.granularity.end(), [](char c) { return c >= '0' && c <= '9'; }))
            throwDatafileError(location, "Index " + index.name + ": GRANULARITY must be a positive integer");
    }
    if (index.expr.empty() || index.type.empty())
        throwDatafileError(location, "Invalid index '" + text + "': expected `name expr TYPE type[(args)] GRANULARITY n`");
    return index;
}

/// Writes a directive value: bare when it is one simple word, quoted otherwise.
std::string directiveValue(const std::string & value)
{
    bool simple =
        !value.empty() && std::all_of(value.begin(), value.end(),
                                      [](char c) { return !isSpace(c) && c != '"' && c != '\'' && c != '#' && c != '\\' && c != '\n'; });
    return simple ? value : Datafile::quote(value);
}

} // namespace

const char * resourceTokenScopeName(ResourceTokenScope scope)
{
    return scope == ResourceTokenScope::Append ? "APPEND" : "READ";
}

std::string backquoteIdentifier(const std::string & name)
{
    std::string out = "`";
    for (char c : name)
    {
        if (c == '`' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '`';
    return out;
}

const DatasourceColumn * DatasourceDefinition::findColumn(const std::string & column_name) const
{
    for (const auto & column : columns)
        if (column.name == column_name)
            return &column;
    return nullptr;
}

std::string DatasourceDefinition::connectorSetting(const std::string & key) const
{
    for (const auto & [k, v] : connector_settings)
        if (k == key)
            return v;
    return {};
}

std::vector<DatasourceColumn> parseDatasourceSchema(const std::string & schema, const std::string & file, size_t first_line)
{
    std::vector<DatasourceColumn> columns;
    std::set<std::string> names;
    SchemaReader reader(schema, file, first_line);
    while (true)
    {
        while (!reader.eof() && (isSpace(reader.peek()) || reader.peek() == '\n' || reader.peek() == ','))
            reader.advance();
        if (reader.eof())
            break;
        DatasourceColumn column;
        column.line = reader.line();
        std::string location = reader.location();

        char c = reader.peek();
        if (c == '`' || c == '"')
            column.name = reader.readQuoted(c);
        else
        {
            size_t start = reader.pos();
            while (!reader.eof() && (isWordChar(reader.peek()) || reader.peek() == '.'))
                reader.advance();
            column.name = std::string(reader.text().substr(start, reader.pos() - start));
        }
        if (column.name.empty())
            throwDatafileError(location, std::string("Invalid column definition: expected a column name, got '") + c + "'");
        if (!names.insert(column.name).second)
            throwDatafileError(location, "Column '" + column.name + "' is declared twice");

        reader.skipBlanks();
        size_t type_start = reader.pos();
        while (!reader.eof() && isWordChar(reader.peek()))
            reader.advance();
        if (reader.pos() == type_start)
            throwDatafileError(location, "Column '" + column.name + "' needs a type");
        reader.skipBlanks();
        if (reader.peek() == '(')
            reader.readParenthesized();
        column.type = std::string(reader.text().substr(type_start, reader.pos() - type_start));
        column.type.erase(std::remove_if(column.type.begin(), column.type.end(), [](char ch) { return ch == '\n'; }), column.type.end());
        column.type = trimText(column.type);

        while (true)
        {
            reader.skipBlanks();
            if (reader.eof() || reader.peek() == '\n')
                break;
            if (reader.peek() == ',')
            {
                reader.advance();
                break;
            }
            std::string option_location = reader.location();
            if (reader.text().substr(reader.pos(), 6) == "`json:")
            {
                std::string path = reader.readQuoted('`').substr(5);
                if (!column.jsonpath.empty())
                    throwDatafileError(option_location, "Column '" + column.name + "' has two json paths");
                if (path.empty() || path[0] != '$')
                    throwDatafileError(option_location,
                                       "Invalid json path '" + path + "' for column '" + column.name + "': it must start with $");
                column.jsonpath = path;
            }
            else if (keywordAt(reader.text(), reader.pos(), "DEFAULT") || keywordAt(reader.text(), reader.pos(), "MATERIALIZED"))
            {
                column.default_kind = keywordAt(reader.text(), reader.pos(), "DEFAULT") ? "DEFAULT" : "MATERIALIZED";
                for (size_t i = 0; i < column.default_kind.size(); ++i)
                    reader.advance();
                column.default_expr = reader.readExpression();
                if (column.default_expr.empty())
                    throwDatafileError(option_location, "Column '" + column.name + "': " + column.default_kind + " needs an expression");
            }
            else if (keywordAt(reader.text(), reader.pos(), "CODEC"))
            {
                for (int i = 0; i < 5; ++i)
                    reader.advance();
                reader.skipBlanks();
                if (reader.peek() != '(')
                    throwDatafileError(option_location, "Column '" + column.name + "': CODEC needs (codec, ...)");
                column.codec = trimText(reader.readParenthesized());
                if (column.codec.empty())
                    throwDatafileError(option_location, "Column '" + column.name + "': CODEC() needs at least one codec");
            }
            else
            {
                size_t start = reader.pos();
                while (!reader.eof() && !isSpace(reader.peek()) && reader.peek() != '\n' && reader.peek() != ',')
                    reader.advance();
                throwDatafileError(option_location, "Unexpected '" + std::string(reader.text().substr(start, reader.pos() - start)) +
                                                        "' in the definition of column '" + column.name +
                                                        "' (expected `json:$.path`, DEFAULT, CODEC or a comma)");
            }
        }

        try
        {
            DataTypePtr type = parseDataType(column.type);
            column.nullable = type->isNullable() || column.type.starts_with("LowCardinality(Nullable(");
        }
        catch (const Exception & e)
        {
            throwDatafileError(location, "Invalid type '" + column.type + "' for column '" + column.name + "': " + e.message());
        }
        columns.push_back(std::move(column));
    }
    return columns;
}

DatasourceDefinition parseDatasource(const Datafile & file, const std::string & name)
{
    DatasourceDefinition ds;
    ds.name = name;
    ds.path = file.path();
    bool has_schema = false;
    bool engine_set = false;
    size_t engine_line = 0;
    std::map<std::string, std::string> engine_locations;

    for (const auto & directive : file.directives())
    {
        const std::string & key = directive.name;
        const std::string location = directive.location();
        auto single_line = [&]
        {
            if (directive.is_block)
                throwDatafileError(location, key + " does not take a block");
        };
        auto set_engine_value = [&](std::string & target, const char * canonical)
        {
            single_line();
            target = trimText(directive.value);
            engine_locations[canonical] = location;
        };

        if (key == "DESCRIPTION")
            ds.description = directive.text();
        else if (key == "SCHEMA")
        {
            if (has_schema)
                throwDatafileError(location, "SCHEMA is defined twice");
            has_schema = true;
            size_t first_line = directive.is_block ? directive.block_line : directive.line;
            ds.columns = parseDatasourceSchema(directive.text(), directive.file, first_line);
            if (ds.columns.empty())
                throwDatafileError(location, "SCHEMA has no columns");
        }
        else if (key == "INDEXES")
        {
            size_t line = directive.is_block ? directive.block_line : directive.line;
            const std::string & text = directive.text();
            size_t pos = 0;
            while (pos <= text.size())
            {
                size_t end = text.find('\n', pos);
                if (end == std::string::npos)
                    end = text.size();
                std::string index_line = trimText(std::string_view(text).substr(pos, end - pos));
                if (!index_line.empty())
                    ds.indexes.push_back(parseIndexLine(index_line, directive.file + ":" + std::to_string(line)));
                ++line;
                pos = end + 1;
            }
        }
        else if (key == "ENGINE")
        {
            single_line();
            std::string engine = trimText(directive.value);
            auto it = std::find_if(knownEngines().begin(), knownEngines().end(),
                                   [&](const std::string & known) { return upper(known) == upper(engine); });
            if (it == knownEngines().end())
                throwDatafileError(location, "Unknown engine '" + engine +
                                                 "'. Valid engines: MergeTree, ReplacingMergeTree, SummingMergeTree, AggregatingMergeTree, "
                                                 "CollapsingMergeTree, VersionedCollapsingMergeTree, Null");
            ds.engine.engine = *it;
            engine_set = true;
            engine_line = directive.line;
        }
        else if (key == "ENGINE_SORTING_KEY" || key == "SORTING_KEY")
            set_engine_value(ds.engine.sorting_key, "ENGINE_SORTING_KEY");
        else if (key == "ENGINE_PARTITION_KEY" || key == "PARTITION_KEY")
            set_engine_value(ds.engine.partition_key, "ENGINE_PARTITION_KEY");
        else if (key == "ENGINE_PRIMARY_KEY" || key == "PRIMARY_KEY")
            set_engine_value(ds.engine.primary_key, "ENGINE_PRIMARY_KEY");
        else if (key == "ENGINE_SAMPLING_KEY" || key == "SAMPLING_KEY")
            set_engine_value(ds.engine.sampling_key, "ENGINE_SAMPLING_KEY");
        else if (key == "ENGINE_TTL" || key == "TTL")
            set_engine_value(ds.engine.ttl, "ENGINE_TTL");
        else if (key == "ENGINE_SETTINGS")
            set_engine_value(ds.engine.settings, "ENGINE_SETTINGS");
        else if (key == "ENGINE_VER")
            set_engine_value(ds.engine.ver, "ENGINE_VER");
        else if (key == "ENGINE_IS_DELETED")
            set_engine_value(ds.engine.is_deleted, "ENGINE_IS_DELETED");
        else if (key == "ENGINE_SIGN")
            set_engine_value(ds.engine.sign, "ENGINE_SIGN");
        else if (key == "ENGINE_VERSION")
            set_engine_value(ds.engine.version, "ENGINE_VERSION");
        else if (key == "ENGINE_SUMMING_COLUMNS")
            set_engine_value(ds.engine.summing_columns, "ENGINE_SUMMING_COLUMNS");
        else if (key == "FORWARD_QUERY")
            ds.forward_query = directive.text();
        else if (key == "BACKFILL")
        {
            single_line();
            if (directive.value != "skip")
                throwDatafileError(location, "BACKFILL only accepts 'skip', got '" + directive.value + "'");
            ds.backfill = directive.value;
        }
        else if (key == "TOKEN")
        {
            single_line();
            if (directive.args.empty() || directive.args.size() > 2)
                throwDatafileError(location, "TOKEN expects `TOKEN <name> READ|APPEND`");
            ResourceToken token;
            token.name = directive.args[0];
            std::string scope = directive.args.size() == 2 ? upper(directive.args[1]) : "READ";
            if (scope == "READ")
                token.scope = ResourceTokenScope::Read;
            else if (scope == "APPEND")
                token.scope = ResourceTokenScope::Append;
            else
                throwDatafileError(location, "Invalid TOKEN scope '" + directive.args[1] + "' (valid: READ, APPEND)");
            if (token.name.empty())
                throwDatafileError(location, "TOKEN needs a name");
            ds.tokens.push_back(std::move(token));
        }
        else if (key == "SHARED_WITH")
            ds.shared_with = splitList(directive.text());
        else if (key == "TAGS")
            ds.tags = splitList(directive.text());
        else if (key.starts_with("KAFKA_") || key.starts_with("IMPORT_"))
        {
            single_line();
            auto it =
                std::find_if(ds.connector_settings.begin(), ds.connector_settings.end(), [&](const auto & kv) { return kv.first == key; });
            if (it != ds.connector_settings.end())
                it->second = directive.value;
            else
                ds.connector_settings.emplace_back(key, directive.value);
        }
        else
            throwDatafileError(location, key + " is not a valid option in datasource files.");
    }

    std::string file_location = file.path() + ":1";
    if (!has_schema)
        throwDatafileError(file_location, "SCHEMA is required in datasource files");

    // Engine parameters must belong to the engine and name existing columns.
    const std::string & engine = ds.engine.engine;
    std::string engine_location = engine_set ? file.path() + ":" + std::to_string(engine_line) : file_location;
    auto require_column = [&](const std::string & value, const char * directive)
    {
        if (value.empty())
            return;
        if (!ds.findColumn(value))
            throwDatafileError(engine_locations[directive], std::string(directive) + " '" + value + "' is not a column of the data source");
    };
    auto forbid = [&](const std::string & value, const char * directive)
    {
        if (!value.empty())
            throwDatafileError(engine_locations[directive], std::string(directive) + " is not valid for engine " + engine);
    };
    if (engine != "ReplacingMergeTree")
    {
        forbid(ds.engine.ver, "ENGINE_VER");
        forbid(ds.engine.is_deleted, "ENGINE_IS_DELETED");
    }
    if (engine != "CollapsingMergeTree" && engine != "VersionedCollapsingMergeTree")
        forbid(ds.engine.sign, "ENGINE_SIGN");
    if (engine != "VersionedCollapsingMergeTree")
        forbid(ds.engine.version, "ENGINE_VERSION");
    if (engine != "SummingMergeTree")
        forbid(ds.engine.summing_columns, "ENGINE_SUMMING_COLUMNS");
    if (engine == "Null")
    {
        forbid(ds.engine.sorting_key, "ENGINE_SORTING_KEY");
        forbid(ds.engine.partition_key, "ENGINE_PARTITION_KEY");
        forbid(ds.engine.primary_key, "ENGINE_PRIMARY_KEY");
        forbid(ds.engine.sampling_key, "ENGINE_SAMPLING_KEY");
        forbid(ds.engine.ttl, "ENGINE_TTL");
        forbid(ds.engine.settings, "ENGINE_SETTINGS");
    }
    if (!ds.engine.is_deleted.empty() && ds.engine.ver.empty())
        throwDatafileError(engine_locations["ENGINE_IS_DELETED"], "ENGINE_IS_DELETED requires ENGINE_VER");
    if ((engine == "CollapsingMergeTree" || engine == "VersionedCollapsingMergeTree") && ds.engine.sign.empty())
        throwDatafileError(engine_location, engine + " requires ENGINE_SIGN");
    if (engine == "VersionedCollapsingMergeTree" && ds.engine.version.empty())
        throwDatafileError(engine_location, engine + " requires ENGINE_VERSION");
    require_column(ds.engine.ver, "ENGINE_VER");
    require_column(ds.engine.is_deleted, "ENGINE_IS_DELETED");
    require_column(ds.engine.sign, "ENGINE_SIGN");
    require_column(ds.engine.version, "ENGINE_VERSION");

    bool has_kafka = false;
    bool has_import = false;
    for (const auto & [k, v] : ds.connector_settings)
    {
        has_kafka |= k.starts_with("KAFKA_");
        has_import |= k.starts_with("IMPORT_");
    }
    if (has_kafka && has_import)
        throwDatafileError(file_location, "A data source may use only one connector: KAFKA_* and IMPORT_* settings cannot be mixed");
    auto require_setting = [&](const char * setting)
    {
        if (ds.connectorSetting(setting).empty())
            throwDatafileError(file_location, std::string(setting) + " is required");
    };
    if (has_kafka)
    {
        require_setting("KAFKA_CONNECTION_NAME");
        require_setting("KAFKA_TOPIC");
        require_setting("KAFKA_GROUP_ID");
    }
    if (has_import)
    {
        require_setting("IMPORT_CONNECTION_NAME");
        require_setting("IMPORT_BUCKET_URI");
        require_setting("IMPORT_SCHEDULE");
    }
    auto require_one_of = [&](const char * setting, std::initializer_list<std::string_view> allowed)
    {
        std::string value = ds.connectorSetting(setting);
        if (value.empty() || value.find("{{") != std::string::npos)
            return;
        std::string lower = value;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string names;
        for (std::string_view option : allowed)
        {
            if (lower == option)
                return;
            names += (names.empty() ? "" : ", ") + std::string(option);
        }
        throwDatafileError(file_location, std::string(setting) + " must be one of " + names + ", got '" + value + "'");
    };
    require_one_of("IMPORT_SCHEDULE", {"@auto", "@on-demand", "@once"});
    require_one_of("KAFKA_AUTO_OFFSET_RESET", {"earliest", "latest"});
    require_one_of("KAFKA_STORE_RAW_VALUE", {"true", "false"});
    require_one_of("KAFKA_STORE_HEADERS", {"true", "false"});
    return ds;
}

DatasourceDefinition parseDatasourceText(std::string_view text, const std::string & name, const std::string & path)
{
    std::string file_name = path.empty() ? name + ".datasource" : path;
    return parseDatasource(Datafile::parse(text, file_name, DatafileKind::Datasource), name);
}

std::string datasourceCreateTableSql(const DatasourceDefinition & ds, const std::string & table_name)
{
    std::string sql = "CREATE TABLE " + backquoteIdentifier(table_name) + "\n(\n";
    bool first = true;
    for (const auto & column : ds.columns)
    {
        if (!first)
            sql += ",\n";
        first = false;
        sql += "    " + backquoteIdentifier(column.name) + " " + column.type;
        if (!column.default_expr.empty())
            sql += " " + column.default_kind + " " + column.default_expr;
        if (!column.codec.empty())
            sql += " CODEC(" + column.codec + ")";
    }
    for (const auto & index : ds.indexes)
    {
        sql += ",\n    INDEX " + backquoteIdentifier(index.name) + " " + index.expr + " TYPE " + index.type;
        if (!index.granularity.empty())
            sql += " GRANULARITY " + index.granularity;
    }
    sql += "\n)\nENGINE = " + ds.engine.engine;
    const DatasourceEngine & engine = ds.engine;
    if (engine.engine == "Null")
        return sql;
    if (engine.engine == "ReplacingMergeTree" && !engine.ver.empty())
        sql +=
            "(" + backquoteIdentifier(engine.ver) + (engine.is_deleted.empty() ? "" : ", " + backquoteIdentifier(engine.is_deleted)) + ")";
    else if (engine.engine == "CollapsingMergeTree")
        sql += "(" + backquoteIdentifier(engine.sign) + ")";
    else if (engine.engine == "VersionedCollapsingMergeTree")
        sql += "(" + backquoteIdentifier(engine.sign) + ", " + backquoteIdentifier(engine.version) + ")";
    else if (engine.engine == "SummingMergeTree" && !engine.summing_columns.empty())
        sql += "((" + engine.summing_columns + "))";
    if (!engine.partition_key.empty())
        sql += "\nPARTITION BY " + engine.partition_key;
    sql += "\nORDER BY " + (engine.sorting_key.empty() ? std::string("tuple()") : keyExpression(engine.sorting_key));
    if (!engine.primary_key.empty())
        sql += "\nPRIMARY KEY " + keyExpression(engine.primary_key);
    if (!engine.sampling_key.empty())
        sql += "\nSAMPLE BY " + engine.sampling_key;
    if (!engine.ttl.empty())
        sql += "\nTTL " + engine.ttl;
    if (!engine.settings.empty())
        sql += "\nSETTINGS " + engine.settings;
    return sql;
}

std::string datasourceToText(const DatasourceDefinition & ds)
{
    std::string out;
    if (!ds.description.empty())
        out += "DESCRIPTION >\n" + Datafile::indentBlock(ds.description) + "\n";
    for (const auto & token : ds.tokens)
        out += "TOKEN " + Datafile::quote(token.name) + " " + resourceTokenScopeName(token.scope) + "\n";
    if (!ds.tokens.empty())
        out += "\n";
    if (!ds.tags.empty())
    {
        std::string tags;
        for (const auto & tag : ds.tags)
            tags += (tags.empty() ? "" : ", ") + tag;
        out += "TAGS " + Datafile::quote(tags) + "\n\n";
    }
    out += "SCHEMA >\n";
    for (size_t i = 0; i < ds.columns.size(); ++i)
    {
        const auto & column = ds.columns[i];
        out += "    " + backquoteIdentifier(column.name) + " " + column.type;
        if (!column.jsonpath.empty())
            out += " `json:" + column.jsonpath + "`";
        if (!column.default_expr.empty())
            out += " " + column.default_kind + " " + column.default_expr;
        if (!column.codec.empty())
            out += " CODEC(" + column.codec + ")";
        out += i + 1 < ds.columns.size() ? ",\n" : "\n";
    }
    if (!ds.indexes.empty())
    {
        out += "\nINDEXES >\n";
        for (const auto & index : ds.indexes)
            out += "    " + index.name + " " + index.expr + " TYPE " + index.type +
                   (index.granularity.empty() ? "" : " GRANULARITY " + index.granularity) + "\n";
    }
    const DatasourceEngine & engine = ds.engine;
    out += "\nENGINE " + Datafile::quote(engine.engine) + "\n";
    auto write = [&](const char * directive, const std::string & value)
    {
        if (!value.empty())
            out += std::string(directive) + " " + Datafile::quote(value) + "\n";
    };
    write("ENGINE_PARTITION_KEY", engine.partition_key);
    write("ENGINE_SORTING_KEY", engine.sorting_key);
    write("ENGINE_PRIMARY_KEY", engine.primary_key);
    write("ENGINE_SAMPLING_KEY", engine.sampling_key);
    write("ENGINE_TTL", engine.ttl);
    write("ENGINE_VER", engine.ver);
    write("ENGINE_IS_DELETED", engine.is_deleted);
    write("ENGINE_SIGN", engine.sign);
    write("ENGINE_VERSION", engine.version);
    write("ENGINE_SUMMING_COLUMNS", engine.summing_columns);
    write("ENGINE_SETTINGS", engine.settings);
    if (!ds.connector_settings.empty())
    {
        out += "\n";
        for (const auto & [key, value] : ds.connector_settings)
            out += key + " " + directiveValue(value) + "\n";
    }
    if (!ds.forward_query.empty())
        out += "\nFORWARD_QUERY >\n" + Datafile::indentBlock(ds.forward_query);
    if (!ds.backfill.empty())
        out += "\nBACKFILL " + ds.backfill + "\n";
    if (!ds.shared_with.empty())
    {
        out += "\nSHARED_WITH >\n";
        for (const auto & workspace : ds.shared_with)
            out += "    " + workspace + "\n";
    }
    return out;
}

} // namespace pipit
