#include "engine/sql/QueryParser.h"

#include "engine/sql/ParseError.h"

#include <algorithm>
#include <charconv>

#include <pthread.h>

namespace pipit
{

namespace
{

bool equalsCaseInsensitive(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
    {
        char x = a[i];
        char y = b[i];
        if (x >= 'a' && x <= 'z')
            x = static_cast<char>(x - 'a' + 'A');
        if (y >= 'a' && y <= 'z')
            y = static_cast<char>(y - 'a' + 'A');
        if (x != y)
            return false;
    }
    return true;
}

std::string quoteForMessage(std::string_view text)
{
    constexpr size_t max_length = 40;
    std::string out = "'";
    if (text.size() > max_length)
    {
        out.append(text.substr(0, max_length));
        out += "...";
    }
    else
        out.append(text);
    out += "'";
    return out;
}

/// Lowest usable stack address of the current thread (0 if unknown): deep nesting fails with a syntax error
/// before it can overflow a small thread stack, whatever max_depth says.
uintptr_t stackLimit()
{
    thread_local uintptr_t limit = []
    {
        pthread_attr_t attr;
        if (pthread_getattr_np(pthread_self(), &attr) != 0)
            return uintptr_t(0);
        void * address = nullptr;
        size_t size = 0;
        uintptr_t result = 0;
        if (pthread_attr_getstack(&attr, &address, &size) == 0)
            result = reinterpret_cast<uintptr_t>(address) + 128 * 1024; /// keep 128 KiB for the error path and callers
        pthread_attr_destroy(&attr);
        return result;
    }();
    return limit;
}

bool stackIsNearlyExhausted()
{
    char marker = 0;
    const auto here = reinterpret_cast<uintptr_t>(&marker);
    const uintptr_t limit = stackLimit();
    return limit != 0 && here < limit;
}

} // namespace

QueryParser::QueryParser(std::string_view text, size_t begin, const ParserOptions & options)
    : text_(text)
    , options_(options)
    , lexer_(text, begin)
    , max_tree_depth_(options.max_depth * 4)
{
}

const Token & QueryParser::lexUpTo(size_t ahead)
{
    while (tokens_.size() <= index_ + ahead)
    {
        if (!tokens_.empty() && (tokens_.back().type == TokenType::EndOfStream || tokens_.back().type == TokenType::Error))
            return tokens_.back();
        tokens_.push_back(lexer_.nextToken());
    }
    return tokens_[index_ + ahead];
}

bool QueryParser::isKeyword(std::string_view keyword, size_t ahead)
{
    const Token & token = peek(ahead);
    return token.type == TokenType::BareWord && token.end - token.begin == keyword.size() &&
           equalsCaseInsensitive(tokenText(token), keyword);
}

bool QueryParser::parseKeyword(std::string_view keyword)
{
    size_t words = 0;
    size_t start = 0;
    while (start < keyword.size())
    {
        size_t space = keyword.find(' ', start);
        std::string_view word = keyword.substr(start, space == std::string_view::npos ? std::string_view::npos : space - start);
        if (!isKeyword(word, words))
        {
            noteExpected(keyword);
            return false;
        }
        ++words;
        if (space == std::string_view::npos)
            break;
        start = space + 1;
    }
    index_ += words;
    return true;
}

bool QueryParser::parseToken(TokenType type)
{
    if (isType(type))
    {
        advance();
        return true;
    }
    noteExpected(tokenTypeDescription(type));
    return false;
}

void QueryParser::expectKeyword(std::string_view keyword)
{
    if (!parseKeyword(keyword))
        fail();
}

void QueryParser::expectToken(TokenType type)
{
    if (!parseToken(type))
        fail();
}

void QueryParser::noteExpected(std::string_view what)
{
    if (index_ > furthest_index_ || expected_.empty())
    {
        if (index_ < furthest_index_)
            return;
        furthest_index_ = index_;
        expected_.clear();
    }
    else if (index_ < furthest_index_)
        return;
    /// Duplicates are removed when the message is built.
    expected_.push_back(what);
}

void QueryParser::failAt(const Token & token, const std::string & message)
{
    throw ParseError("Syntax error at line " + std::to_string(token.line) + ", column " + std::to_string(token.column) + ": " + message,
                     token.begin, token.line, token.column);
}

void QueryParser::fail()
{
    if (index_ > furthest_index_)
    {
        furthest_index_ = index_;
        expected_.clear();
    }
    const size_t saved = index_;
    index_ = furthest_index_;
    Token token = peek(0);
    if (token.type == TokenType::EndOfStream && furthest_index_ > 0)
    {
        /// Report a missing continuation right after the last token, not after trailing whitespace.
        const Token & last = tokens_[furthest_index_ - 1];
        token.begin = last.end;
        token.line = last.line;
        token.column = last.column;
        for (size_t i = last.begin; i < last.end; ++i)
        {
            if (text_[i] == '\n')
            {
                ++token.line;
                token.column = 1;
            }
            else
                ++token.column;
        }
    }
    index_ = saved;
    if (token.type == TokenType::Error)
        failAt(token, std::string(token.error ? token.error : "unexpected input") + " at: " + std::string(text_.substr(token.begin, 20)));
    std::vector<std::string_view> unique;
    for (auto what : expected_)
        if (std::find(unique.begin(), unique.end(), what) == unique.end())
            unique.push_back(what);
    expected_ = std::move(unique);
    std::string message;
    if (expected_.size() == 1)
        message = "expected " + std::string(expected_.front());
    else if (!expected_.empty())
    {
        message = "expected one of: ";
        for (size_t i = 0; i < expected_.size(); ++i)
        {
            if (i)
                message += ", ";
            message.append(expected_[i]);
        }
    }
    else
        message = "unexpected token";
    if (token.type == TokenType::EndOfStream)
        message += ", got end of query";
    else
        message += ", got " + quoteForMessage(tokenText(token));
    failAt(token, message);
}

QueryParser::DepthGuard::DepthGuard(QueryParser & parser_, size_t tree_levels)
    : parser(parser_)
    , levels(tree_levels)
{
    ++parser.depth_;
    parser.tree_depth_ += levels;
    if (parser.depth_ > parser.options_.max_depth || parser.tree_depth_ > parser.max_tree_depth_ || stackIsNearlyExhausted())
    {
        --parser.depth_;
        parser.tree_depth_ -= levels;
        parser.failTooDeep();
    }
}

QueryParser::DepthGuard::~DepthGuard()
{
    --parser.depth_;
    parser.tree_depth_ -= levels;
}

void QueryParser::addTreeLevel(size_t & levels_in_loop)
{
    ++levels_in_loop;
    ++tree_depth_;
    if (tree_depth_ > max_tree_depth_)
        failTooDeep();
}

void QueryParser::failTooDeep()
{
    failAt(current(), "maximum parse depth (" + std::to_string(options_.max_depth) + ") exceeded: the query is nested too deeply");
}

bool QueryParser::tryParseIdentifier(std::string & out, const char * what)
{
    const Token token = current();
    if (token.type == TokenType::BareWord)
    {
        out.assign(tokenText(token));
        advance();
        return true;
    }
    if (token.type == TokenType::QuotedIdentifier)
    {
        out = unquoteToken(tokenText(token));
        advance();
        return true;
    }
    noteExpected(what);
    return false;
}

std::string QueryParser::expectIdentifier(const char * what)
{
    std::string out;
    if (!tryParseIdentifier(out, what))
        fail();
    return out;
}

void QueryParser::parseDatabaseAndTable(std::string & database, std::string & table)
{
    std::string first = expectIdentifier("table name");
    if (isType(TokenType::Dot) && (isType(TokenType::BareWord, 1) || isType(TokenType::QuotedIdentifier, 1)))
    {
        advance();
        database = std::move(first);
        table = expectIdentifier("table name");
    }
    else
    {
        database.clear();
        table = std::move(first);
    }
}

std::string QueryParser::expectStringLiteral()
{
    if (!isType(TokenType::StringLiteral))
    {
        noteExpected("string literal");
        fail();
    }
    std::string out = unquoteToken(tokenText(current()));
    advance();
    return out;
}

UInt64 QueryParser::expectUnsignedInteger()
{
    const Token token = current();
    if (token.type == TokenType::Number)
    {
        std::string_view digits = tokenText(token);
        UInt64 value = 0;
        auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (ec == std::errc() && ptr == digits.data() + digits.size())
        {
            advance();
            return value;
        }
    }
    noteExpected("unsigned integer");
    fail();
}

SettingsChanges QueryParser::parseSettingsList()
{
    SettingsChanges changes;
    do
    {
        SettingChange change;
        change.name = expectIdentifier("setting name");
        expectToken(TokenType::Equals);
        const Token value_token = current();
        ASTPtr value = parseExpression();
        const auto * literal = value->as<ASTLiteral>();
        if (!literal || !value->alias.empty())
            failAt(value_token, "setting value must be a literal");
        change.value = literal->value;
        changes.push_back(std::move(change));
        /// A comma continues the list only before another `name =` (ALTER ... MODIFY SETTING a = 1, MODIFY ...).
        if (!isType(TokenType::Comma) || !isType(TokenType::Equals, 2))
            break;
        advance();
    } while (true);
    return changes;
}

ASTPtr QueryParser::parseStatementAndEnd(bool multi_statement)
{
    multi_statement_ = multi_statement;
    while (isType(TokenType::Semicolon))
        advance();
    if (isType(TokenType::EndOfStream))
    {
        end_position_ = text_.size();
        return nullptr;
    }
    statement_begin_ = current().begin;
    ASTPtr ast = parseStatement();

    if (statement_has_inline_data_)
    {
        const auto & insert = static_cast<const ASTInsertQuery &>(*ast);
        statement_end_ = insert.data_end;
        if (insert.kind == ASTInsertQuery::Kind::Format)
            return ast; /// end_position_ set by parseInsert
        /// VALUES: continue lexing after the data.
        lexer_ = Lexer(text_, insert.data_end);
        tokens_.resize(index_);
    }
    else
        statement_end_ = index_ > 0 ? tokens_[index_ - 1].end : statement_begin_;

    if (parseToken(TokenType::Semicolon))
    {
        end_position_ = tokens_[index_ - 1].end;
        if (multi_statement)
            return ast;
        while (parseToken(TokenType::Semicolon))
        {
        }
    }
    if (!isType(TokenType::EndOfStream))
    {
        noteExpected("end of query");
        fail();
    }
    end_position_ = text_.size();
    return ast;
}

ASTPtr QueryParser::parseExpressionToEnd()
{
    ASTPtr ast = parseExpressionWithAlias(false);
    if (!isType(TokenType::EndOfStream))
    {
        noteExpected("end of expression");
        fail();
    }
    return ast;
}

ASTPtr QueryParser::parseStatement()
{
    DepthGuard guard(*this);
    if (isSelectStart())
        return parseSelectStatement();
    if (isKeyword("INSERT"))
        return parseInsert();
    if (isKeyword("CREATE"))
        return parseCreate();
    if (isKeyword("DROP") || isKeyword("TRUNCATE") || isKeyword("DETACH"))
        return parseDrop();
    if (isKeyword("SHOW"))
        return parseShow();
    if (isKeyword("DESCRIBE") || isKeyword("DESC"))
        return parseDescribe();
    if (isKeyword("EXISTS"))
        return parseExists();
    if (isKeyword("OPTIMIZE"))
        return parseOptimize();
    if (isKeyword("ALTER"))
        return parseAlter();
    if (isKeyword("EXPLAIN"))
        return parseExplain();
    if (isKeyword("SET"))
        return parseSet();
    if (isKeyword("USE"))
        return parseUse();
    if (isKeyword("RENAME") || isKeyword("EXCHANGE"))
        return parseRename();
    for (const char * keyword : {"SELECT", "WITH", "INSERT", "CREATE", "ALTER", "DROP", "TRUNCATE", "SHOW", "DESCRIBE", "EXISTS",
                                 "OPTIMIZE", "EXPLAIN", "SET", "USE", "RENAME", "EXCHANGE"})
        noteExpected(keyword);
    fail();
}

ASTPtr QueryParser::parseSelectStatement()
{
    auto query = parseSelectWithUnion();
    parseOutputClauses(*query);
    return query;
}

void QueryParser::parseOutputClauses(ASTQueryWithOutput & query)
{
    if (parseKeyword("INTO OUTFILE"))
        query.out_file = expectStringLiteral();
    if (parseKeyword("FORMAT"))
        query.format = expectIdentifier("format name");
    if (parseKeyword("SETTINGS"))
        query.output_settings = parseSettingsList();
}

ASTPtr QueryParser::parseInsert()
{
    auto query = makeNode<ASTInsertQuery>(current().begin);
    expectKeyword("INSERT");
    expectKeyword("INTO");
    if (parseKeyword("FUNCTION"))
    {
        size_t offset = current().begin;
        std::string name = expectIdentifier("table function");
        if (!isType(TokenType::OpeningRoundBracket))
        {
            noteExpected("'('");
            fail();
        }
        query->table_function = parseFunctionCall(std::move(name), offset);
    }
    else
    {
        parseKeyword("TABLE");
        parseDatabaseAndTable(query->database, query->table);
    }
    if (parseToken(TokenType::OpeningRoundBracket))
    {
        do
        {
            std::string column = expectIdentifier("column name");
            while (isType(TokenType::Dot))
            {
                advance();
                column += '.';
                column += expectIdentifier("column name");
            }
            query->columns.push_back(std::move(column));
        } while (parseToken(TokenType::Comma));
        expectToken(TokenType::ClosingRoundBracket);
    }
    if (parseKeyword("SETTINGS"))
        query->settings = parseSettingsList();

    if (isKeyword("VALUES"))
    {
        query->kind = ASTInsertQuery::Kind::Values;
        query->format = "Values";
        const Token values_token = current();
        /// Do not lex past VALUES: the data is scanned here, not tokenized.
        tokens_.resize(index_ + 1);
        advance();
        size_t begin = values_token.end;
        size_t pos = begin;
        size_t depth = 0;
        const size_t n = text_.size();
        while (pos < n)
        {
            char c = text_[pos];
            if (c == '\'' || c == '"' || c == '`')
            {
                ++pos;
                while (pos < n && text_[pos] != c)
                    pos += text_[pos] == '\\' ? 2 : 1;
                ++pos;
                continue;
            }
            if (c == '(' || c == '[' || c == '{')
                ++depth;
            else if ((c == ')' || c == ']' || c == '}') && depth > 0)
                --depth;
            else if (c == ';' && depth == 0)
                break;
            ++pos;
        }
        pos = std::min(pos, n);
        size_t end = pos;
        while (end > begin && (text_[end - 1] == ' ' || text_[end - 1] == '\t' || text_[end - 1] == '\n' || text_[end - 1] == '\r'))
            --end;
        query->data_begin = begin;
        query->data_end = end;
        statement_has_inline_data_ = true;
        return query;
    }
    if (isKeyword("FORMAT"))
    {
        query->kind = ASTInsertQuery::Kind::Format;
        advance();
        if (!isType(TokenType::BareWord) && !isType(TokenType::QuotedIdentifier))
        {
            noteExpected("format name");
            fail();
        }
        const Token name_token = current();
        query->format = name_token.type == TokenType::BareWord ? std::string(tokenText(name_token)) : unquoteToken(tokenText(name_token));
        tokens_.resize(index_ + 1);
        advance();
        size_t begin = name_token.end;
        if (begin + 1 < text_.size() && text_[begin] == '\r' && text_[begin + 1] == '\n')
            begin += 2;
        else if (begin < text_.size() && (text_[begin] == ' ' || text_[begin] == '\t' || text_[begin] == '\n' || text_[begin] == '\r'))
            begin += 1;
        query->data_begin = begin;
        if (multi_statement_)
        {
            size_t newline = text_.find('\n', begin);
            query->data_end = newline == std::string_view::npos ? text_.size() : newline;
            end_position_ = newline == std::string_view::npos ? text_.size() : newline + 1;
        }
        else
        {
            query->data_end = text_.size();
            end_position_ = text_.size();
        }
        statement_has_inline_data_ = true;
        return query;
    }
    if (isSelectStart())
    {
        query->kind = ASTInsertQuery::Kind::Select;
        query->select = parseSelectWithUnion();
        return query;
    }
    noteExpected("VALUES");
    noteExpected("FORMAT");
    noteExpected("SELECT");
    fail();
}

ASTPtr QueryParser::parseDrop()
{
    auto query = makeNode<ASTDropQuery>(current().begin);
    if (parseKeyword("TRUNCATE"))
    {
        query->kind = ASTDropQuery::Kind::Truncate;
        query->temporary = parseKeyword("TEMPORARY");
        parseKeyword("TABLE");
        query->if_exists = parseKeyword("IF EXISTS");
        parseDatabaseAndTable(query->database, query->table);
        return query;
    }
    if (parseKeyword("DETACH"))
        query->kind = ASTDropQuery::Kind::Detach;
    else
        expectKeyword("DROP");

    if (parseKeyword("DATABASE"))
    {
        query->object = ASTDropQuery::Object::Database;
        query->if_exists = parseKeyword("IF EXISTS");
        query->database = expectIdentifier("database name");
    }
    else
    {
        query->temporary = parseKeyword("TEMPORARY");
        if (parseKeyword("TABLE"))
            query->object = ASTDropQuery::Object::Table;
        else if (parseKeyword("VIEW"))
            query->object = ASTDropQuery::Object::View;
        else if (parseKeyword("DICTIONARY"))
            query->object = ASTDropQuery::Object::Dictionary;
        else
            fail();
        query->if_exists = parseKeyword("IF EXISTS");
        parseDatabaseAndTable(query->database, query->table);
    }
    if (parseKeyword("SYNC") || parseKeyword("NO DELAY"))
        query->sync = true;
    return query;
}

ASTPtr QueryParser::parseShow()
{
    auto query = makeNode<ASTShowTablesQuery>(current().begin);
    expectKeyword("SHOW");
    if (parseKeyword("CREATE"))
    {
        query->kind = ASTShowTablesQuery::Kind::CreateTable;
        query->temporary = parseKeyword("TEMPORARY");
        if (!parseKeyword("TABLE") && !parseKeyword("VIEW"))
            parseKeyword("DICTIONARY");
        parseDatabaseAndTable(query->database, query->table);
        parseOutputClauses(*query);
        return query;
    }
    if (parseKeyword("DATABASES"))
        query->kind = ASTShowTablesQuery::Kind::Databases;
    else
    {
        query->temporary = parseKeyword("TEMPORARY");
        expectKeyword("TABLES");
        if (parseKeyword("FROM") || parseKeyword("IN"))
            query->database = expectIdentifier("database name");
    }
    if (parseKeyword("NOT"))
    {
        query->not_like = true;
        if (parseKeyword("ILIKE"))
            query->case_insensitive_like = true;
        else
            expectKeyword("LIKE");
        query->has_like = true;
        query->like = expectStringLiteral();
    }
    else if (parseKeyword("LIKE"))
    {
        query->has_like = true;
        query->like = expectStringLiteral();
    }
    else if (parseKeyword("ILIKE"))
    {
        query->has_like = true;
        query->case_insensitive_like = true;
        query->like = expectStringLiteral();
    }
    if (parseKeyword("LIMIT"))
        query->limit = parseExpression();
    parseOutputClauses(*query);
    return query;
}

ASTPtr QueryParser::parseDescribe()
{
    auto query = makeNode<ASTDescribeQuery>(current().begin);
    if (!parseKeyword("DESCRIBE"))
        expectKeyword("DESC");
    parseKeyword("TABLE");
    query->table = parseTableExpression(false);
    parseOutputClauses(*query);
    return query;
}

ASTPtr QueryParser::parseExists()
{
    auto query = makeNode<ASTExistsQuery>(current().begin);
    expectKeyword("EXISTS");
    parseKeyword("TEMPORARY");
    if (parseKeyword("DATABASE"))
    {
        query->is_database = true;
        query->database = expectIdentifier("database name");
    }
    else
    {
        if (!parseKeyword("TABLE") && !parseKeyword("VIEW"))
            parseKeyword("DICTIONARY");
        parseDatabaseAndTable(query->database, query->table);
    }
    parseOutputClauses(*query);
    return query;
}

ASTPtr QueryParser::parseOptimize()
{
    auto query = makeNode<ASTOptimizeQuery>(current().begin);
    expectKeyword("OPTIMIZE");
    expectKeyword("TABLE");
    parseDatabaseAndTable(query->database, query->table);
    if (parseKeyword("PARTITION"))
    {
        if (parseKeyword("ID"))
            query->partition_id = expectStringLiteral();
        else
            query->partition = parseExpression();
    }
    query->final = parseKeyword("FINAL");
    if (parseKeyword("DEDUPLICATE"))
    {
        query->deduplicate = true;
        if (parseKeyword("BY"))
            query->deduplicate_by = parseExpressionList(false);
    }
    return query;
}

ASTPtr QueryParser::parseAlter()
{
    auto query = makeNode<ASTAlterQuery>(current().begin);
    expectKeyword("ALTER");
    expectKeyword("TABLE");
    parseDatabaseAndTable(query->database, query->table);
    do
        query->commands.push_back(parseAlterCommand());
    while (parseToken(TokenType::Comma));
    if (parseKeyword("SETTINGS"))
        query->settings = parseSettingsList();
    return query;
}

std::shared_ptr<ASTAlterCommand> QueryParser::parseAlterCommand()
{
    using Type = ASTAlterCommand::Type;
    auto command = makeNode<ASTAlterCommand>(current().begin);
    auto parse_partition = [&]
    {
        if (parseKeyword("ID"))
            command->partition_id = expectStringLiteral();
        else
            command->partition = parseExpression();
    };
    if (parseKeyword("DELETE"))
    {
        command->type = Type::Delete;
        expectKeyword("WHERE");
        command->predicate = parseExpression();
    }
    else if (parseKeyword("UPDATE"))
    {
        command->type = Type::Update;
        do
        {
            std::string column = expectIdentifier("column name");
            expectToken(TokenType::Equals);
            command->update_assignments.emplace_back(std::move(column), parseExpression());
        } while (parseToken(TokenType::Comma));
        expectKeyword("WHERE");
        command->predicate = parseExpression();
    }
    else if (parseKeyword("ADD COLUMN"))
    {
        command->type = Type::AddColumn;
        command->if_not_exists = parseKeyword("IF NOT EXISTS");
        command->column = parseColumnDeclaration(true);
        if (parseKeyword("AFTER"))
            command->after_column = expectIdentifier("column name");
        else
            command->first = parseKeyword("FIRST");
    }
    else if (parseKeyword("ADD INDEX"))
    {
        command->type = Type::AddIndex;
        command->if_not_exists = parseKeyword("IF NOT EXISTS");
        command->index = parseIndexDeclaration();
    }
    else if (parseKeyword("DROP COLUMN"))
    {
        command->type = Type::DropColumn;
        command->if_exists = parseKeyword("IF EXISTS");
        command->column_name = expectIdentifier("column name");
    }
    else if (parseKeyword("DROP INDEX"))
    {
        command->type = Type::DropIndex;
        command->if_exists = parseKeyword("IF EXISTS");
        command->index_name = expectIdentifier("index name");
    }
    else if (parseKeyword("DROP PARTITION"))
    {
        command->type = Type::DropPartition;
        parse_partition();
    }
    else if (parseKeyword("MODIFY COLUMN"))
    {
        command->type = Type::ModifyColumn;
        command->if_exists = parseKeyword("IF EXISTS");
        command->column = parseColumnDeclaration(false);
    }
    else if (parseKeyword("MODIFY ORDER BY"))
    {
        command->type = Type::ModifyOrderBy;
        command->order_by = parseExpression();
    }
    else if (parseKeyword("MODIFY TTL"))
    {
        command->type = Type::ModifyTTL;
        command->ttl = parseTTLList();
    }
    else if (parseKeyword("MODIFY SETTING"))
    {
        command->type = Type::ModifySetting;
        command->settings = parseSettingsList();
    }
    else if (parseKeyword("MODIFY COMMENT"))
    {
        command->type = Type::ModifyComment;
        command->comment = expectStringLiteral();
    }
    else if (parseKeyword("REMOVE TTL"))
        command->type = Type::RemoveTTL;
    else if (parseKeyword("RENAME COLUMN"))
    {
        command->type = Type::RenameColumn;
        command->if_exists = parseKeyword("IF EXISTS");
        command->column_name = expectIdentifier("column name");
        expectKeyword("TO");
        command->rename_to = expectIdentifier("column name");
    }
    else if (parseKeyword("COMMENT COLUMN"))
    {
        command->type = Type::CommentColumn;
        command->if_exists = parseKeyword("IF EXISTS");
        command->column_name = expectIdentifier("column name");
        command->comment = expectStringLiteral();
    }
    else if (parseKeyword("CLEAR COLUMN"))
    {
        command->type = Type::ClearColumn;
        command->if_exists = parseKeyword("IF EXISTS");
        command->column_name = expectIdentifier("column name");
        if (parseKeyword("IN PARTITION"))
            parse_partition();
    }
    else if (parseKeyword("MATERIALIZE INDEX"))
    {
        command->type = Type::MaterializeIndex;
        command->index_name = expectIdentifier("index name");
        if (parseKeyword("IN PARTITION"))
            parse_partition();
    }
    else
        fail();
    return command;
}

ASTPtr QueryParser::parseExplain()
{
    auto query = makeNode<ASTExplainQuery>(current().begin);
    expectKeyword("EXPLAIN");
    if (parseKeyword("AST"))
        query->explain_kind = ASTExplainQuery::Kind::AST;
    else if (parseKeyword("SYNTAX"))
        query->explain_kind = ASTExplainQuery::Kind::Syntax;
    else if (parseKeyword("PLAN"))
        query->explain_kind = ASTExplainQuery::Kind::Plan;
    else if (parseKeyword("PIPELINE"))
        query->explain_kind = ASTExplainQuery::Kind::Pipeline;
    else if (parseKeyword("ESTIMATE"))
        query->explain_kind = ASTExplainQuery::Kind::Estimate;
    if (isType(TokenType::BareWord) && isType(TokenType::Equals, 1))
        query->options = parseSettingsList();
    query->query = parseStatement();
    /// Output clauses written after the explained SELECT belong to EXPLAIN.
    if (auto * inner = dynamic_cast<ASTQueryWithOutput *>(query->query.get()))
    {
        query->format = std::move(inner->format);
        query->out_file = std::move(inner->out_file);
        query->output_settings = std::move(inner->output_settings);
        inner->format.clear();
        inner->out_file.clear();
        inner->output_settings.clear();
    }
    return query;
}

ASTPtr QueryParser::parseSet()
{
    auto query = makeNode<ASTSetQuery>(current().begin);
    expectKeyword("SET");
    query->changes = parseSettingsList();
    return query;
}

ASTPtr QueryParser::parseUse()
{
    auto query = makeNode<ASTUseQuery>(current().begin);
    expectKeyword("USE");
    query->database = expectIdentifier("database name");
    return query;
}

ASTPtr QueryParser::parseRename()
{
    auto query = makeNode<ASTRenameQuery>(current().begin);
    if (parseKeyword("EXCHANGE"))
    {
        expectKeyword("TABLES");
        query->exchange = true;
        ASTRenameQuery::Element element;
        parseDatabaseAndTable(element.from_database, element.from_table);
        expectKeyword("AND");
        parseDatabaseAndTable(element.to_database, element.to_table);
        query->elements.push_back(std::move(element));
        return query;
    }
    expectKeyword("RENAME");
    expectKeyword("TABLE");
    do
    {
        ASTRenameQuery::Element element;
        parseDatabaseAndTable(element.from_database, element.from_table);
        expectKeyword("TO");
        parseDatabaseAndTable(element.to_database, element.to_table);
        query->elements.push_back(std::move(element));
    } while (parseToken(TokenType::Comma));
    return query;
}

std::shared_ptr<ASTFunction> QueryParser::makeOperator(std::string name, ASTs arguments, size_t offset)
{
    auto function = makeASTFunction(std::move(name), std::move(arguments));
    function->offset = offset;
    function->is_operator = true;
    return function;
}

} // namespace pipit
