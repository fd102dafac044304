#include "engine/sql/ASTFormatter.h"
#include "engine/sql/QueryParser.h"

namespace pipit
{

namespace
{

bool isColumnClauseKeyword(std::string_view word)
{
    static const std::initializer_list<std::string_view> keywords {"NULL",    "NOT",   "DEFAULT", "MATERIALIZED", "ALIAS",   "EPHEMERAL",
                                                                   "COMMENT", "CODEC", "TTL",     "PRIMARY",      "SETTINGS"};
    for (auto keyword : keywords)
    {
        if (keyword.size() != word.size())
            continue;
        bool equal = true;
        for (size_t i = 0; i < word.size() && equal; ++i)
        {
            char c = word[i];
            if (c >= 'a' && c <= 'z')
                c = static_cast<char>(c - 'a' + 'A');
            equal = c == keyword[i];
        }
        if (equal)
            return true;
    }
    return false;
}

} // namespace

ASTPtr QueryParser::parseCreate()
{
    const size_t offset = current().begin;
    expectKeyword("CREATE");
    auto query = makeNode<ASTCreateTableQuery>(offset);
    if (parseKeyword("OR REPLACE"))
        query->or_replace = true;
    if (!query->or_replace && parseKeyword("DATABASE"))
        return parseCreateDatabase(offset);
    if (parseKeyword("TEMPORARY"))
        query->temporary = true;

    if (parseKeyword("TABLE"))
    {
    }
    else if (parseKeyword("MATERIALIZED VIEW"))
    {
        query->is_view = true;
        query->is_materialized_view = true;
    }
    else if (parseKeyword("VIEW"))
        query->is_view = true;
    else
        fail();

    if (parseKeyword("IF NOT EXISTS"))
        query->if_not_exists = true;
    parseDatabaseAndTable(query->database, query->table);

    if (query->is_materialized_view && parseKeyword("TO"))
        parseDatabaseAndTable(query->to_database, query->to_table);

    if (isType(TokenType::OpeningRoundBracket) && !isSelectStart(1))
    {
        advance();
        do
        {
            if (parseKeyword("INDEX"))
                query->indexes.push_back(parseIndexDeclaration());
            else if (parseKeyword("PRIMARY KEY"))
            {
                if (query->columns_primary_key)
                    fail();
                query->columns_primary_key = parseExpression();
            }
            else
                query->columns.push_back(parseColumnDeclaration(!query->is_view));
        } while (parseToken(TokenType::Comma));
        expectToken(TokenType::ClosingRoundBracket);
    }

    if (!query->is_view && isKeyword("AS") && !isSelectStart(1))
    {
        advance();
        const size_t name_offset = current().begin;
        std::string first = expectIdentifier("table name");
        if (isType(TokenType::OpeningRoundBracket))
            query->as_table_function = parseFunctionCall(std::move(first), name_offset);
        else if (isType(TokenType::Dot))
        {
            advance();
            query->as_database = std::move(first);
            query->as_table = expectIdentifier("table name");
        }
        else
            query->as_table = std::move(first);
    }

    if (isKeyword("ENGINE") || isKeyword("PARTITION") || isKeyword("PRIMARY") || isKeyword("ORDER") || isKeyword("SAMPLE") ||
        isKeyword("TTL") || isKeyword("SETTINGS"))
        query->storage = parseStorage(false);
    else
    {
        noteExpected("ENGINE");
        noteExpected("ORDER BY");
    }

    if (query->is_materialized_view && parseKeyword("POPULATE"))
        query->populate = true;

    if (parseKeyword("AS"))
    {
        if (!isSelectStart())
        {
            noteExpected("SELECT");
            fail();
        }
        query->select = parseSelectWithUnion();
    }
    else if (query->is_view)
        fail();

    if (parseKeyword("COMMENT"))
    {
        query->comment = expectStringLiteral();
        query->has_comment = true;
    }
    return query;
}

ASTPtr QueryParser::parseCreateDatabase(size_t begin_offset)
{
    auto query = makeNode<ASTCreateDatabaseQuery>(begin_offset);
    if (parseKeyword("IF NOT EXISTS"))
        query->if_not_exists = true;
    query->database = expectIdentifier("database name");
    if (isKeyword("ENGINE"))
        query->storage = parseStorage(true);
    if (parseKeyword("COMMENT"))
        query->comment = expectStringLiteral();
    return query;
}

std::shared_ptr<ASTColumnDeclaration> QueryParser::parseColumnDeclaration(bool require_type)
{
    auto column = makeNode<ASTColumnDeclaration>(current().begin);
    column->name = expectIdentifier("column name");
    if (isType(TokenType::BareWord) && !isColumnClauseKeyword(tokenText(current())))
        column->type = parseTypeName();
    else if (require_type && !isKeyword("DEFAULT") && !isKeyword("MATERIALIZED") && !isKeyword("ALIAS") && !isKeyword("EPHEMERAL"))
    {
        noteExpected("column type");
        fail();
    }

    if (parseKeyword("NULL"))
        column->null_modifier = true;
    else if (parseKeyword("NOT NULL"))
        column->null_modifier = false;

    using DefaultKind = ASTColumnDeclaration::DefaultKind;
    if (parseKeyword("DEFAULT"))
        column->default_kind = DefaultKind::Default;
    else if (parseKeyword("MATERIALIZED"))
        column->default_kind = DefaultKind::Materialized;
    else if (parseKeyword("ALIAS"))
        column->default_kind = DefaultKind::Alias;
    else if (parseKeyword("EPHEMERAL"))
        column->default_kind = DefaultKind::Ephemeral;
    if (column->default_kind != DefaultKind::None)
    {
        const bool optional_expression = column->default_kind == DefaultKind::Ephemeral;
        if (!optional_expression || !(isType(TokenType::Comma) || isType(TokenType::ClosingRoundBracket) || isKeyword("COMMENT") ||
                                      isKeyword("CODEC") || isKeyword("TTL")))
            column->default_expression = parseExpression();
    }
    if (column->type.empty() && !column->default_expression)
    {
        noteExpected("column type");
        fail();
    }
    if (parseKeyword("COMMENT"))
    {
        column->comment = expectStringLiteral();
        column->has_comment = true;
    }
    if (isKeyword("CODEC"))
        column->codec = parseCodec();
    if (parseKeyword("TTL"))
        column->ttl = parseExpression();
    if (!column->has_comment && parseKeyword("COMMENT"))
    {
        column->comment = expectStringLiteral();
        column->has_comment = true;
    }
    return column;
}

std::string QueryParser::parseCodec()
{
    expectKeyword("CODEC");
    expectToken(TokenType::OpeningRoundBracket);
    ASTs codecs = parseExpressionList(false);
    expectToken(TokenType::ClosingRoundBracket);
    std::string out;
    for (size_t i = 0; i < codecs.size(); ++i)
    {
        if (i)
            out += ", ";
        out += formatAST(*codecs[i]);
    }
    return out;
}

std::shared_ptr<ASTIndexDeclaration> QueryParser::parseIndexDeclaration()
{
    auto index = makeNode<ASTIndexDeclaration>(current().begin);
    index->name = expectIdentifier("index name");
    index->expression = parseExpression();
    expectKeyword("TYPE");
    const size_t offset = current().begin;
    std::string type_name = expectIdentifier("index type");
    if (isType(TokenType::OpeningRoundBracket))
        index->type = parseFunctionCall(std::move(type_name), offset);
    else
    {
        auto function = makeNode<ASTFunction>(offset);
        function->name = std::move(type_name);
        index->type = function;
    }
    if (parseKeyword("GRANULARITY"))
        index->granularity = expectUnsignedInteger();
    return index;
}

std::shared_ptr<ASTStorage> QueryParser::parseStorage(bool require_engine)
{
    auto storage = makeNode<ASTStorage>(current().begin);
    if (parseKeyword("ENGINE"))
    {
        parseToken(TokenType::Equals);
        const size_t offset = current().begin;
        std::string name = expectIdentifier("engine name");
        if (isType(TokenType::OpeningRoundBracket))
        {
            storage->engine = std::static_pointer_cast<ASTFunction>(parseFunctionCall(std::move(name), offset));
            storage->engine_has_parentheses = true;
        }
        else
        {
            storage->engine = makeNode<ASTFunction>(offset);
            storage->engine->name = std::move(name);
        }
    }
    else if (require_engine)
        expectKeyword("ENGINE");

    while (true)
    {
        if (!storage->partition_by && parseKeyword("PARTITION BY"))
            storage->partition_by = parseExpression();
        else if (!storage->primary_key && parseKeyword("PRIMARY KEY"))
            storage->primary_key = parseExpression();
        else if (!storage->order_by && parseKeyword("ORDER BY"))
            storage->order_by = parseExpression();
        else if (!storage->sample_by && parseKeyword("SAMPLE BY"))
            storage->sample_by = parseExpression();
        else if (storage->ttl.empty() && parseKeyword("TTL"))
            storage->ttl = parseTTLList();
        else if (storage->settings.empty() && parseKeyword("SETTINGS"))
            storage->settings = parseSettingsList();
        else
            break;
    }
    return storage;
}

std::vector<std::shared_ptr<ASTTTLElement>> QueryParser::parseTTLList()
{
    std::vector<std::shared_ptr<ASTTTLElement>> list;
    do
        list.push_back(parseTTLElement());
    while (parseToken(TokenType::Comma));
    return list;
}

std::shared_ptr<ASTTTLElement> QueryParser::parseTTLElement()
{
    using Mode = ASTTTLElement::Mode;
    auto element = makeNode<ASTTTLElement>(current().begin);
    element->expression = parseExpression();
    if (parseKeyword("DELETE"))
        element->mode = Mode::Delete;
    else if (parseKeyword("TO DISK"))
    {
        element->mode = Mode::ToDisk;
        element->destination = expectStringLiteral();
    }
    else if (parseKeyword("TO VOLUME"))
    {
        element->mode = Mode::ToVolume;
        element->destination = expectStringLiteral();
    }
    else if (parseKeyword("RECOMPRESS"))
    {
        element->mode = Mode::Recompress;
        element->destination = parseCodec();
    }
    if (parseKeyword("WHERE"))
        element->where = parseExpression();
    return element;
}

} // namespace pipit
