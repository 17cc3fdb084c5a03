// A minimal JSON reader for the shared fixtures (org.json is not on the machine).
// Numbers are kept as their source text, never as Double: amounts must stay exact.
// Every value also keeps its raw source text, so a stored `terms` object can be handed to
// termsFromJson exactly as written.

sealed class Json {
    abstract val raw: String

    data class Obj(val fields: Map<String, Json>, override val raw: String) : Json()
    data class Arr(val items: List<Json>, override val raw: String) : Json()
    data class Str(val value: String, override val raw: String) : Json()
    data class Num(override val raw: String) : Json()
    data class Bool(val value: Boolean, override val raw: String) : Json()
    data class Null(override val raw: String) : Json()

    operator fun get(key: String): Json? = (this as? Obj)?.fields?.get(key)?.takeUnless { it is Null }
    val str: String get() = (this as? Str)?.value ?: error("expected a JSON string, found $raw")
    val list: List<Json> get() = (this as? Arr)?.items ?: error("expected a JSON array, found $raw")
    val bool: Boolean get() = (this as? Bool)?.value ?: error("expected true/false, found $raw")
    val int: Int get() = (this as? Num)?.raw?.toInt() ?: error("expected a whole number, found $raw")

    companion object {
        fun parse(text: String): Json {
            val p = JsonParser(text)
            val v = p.value()
            p.ws()
            require(p.pos == text.length) { "trailing text at ${p.pos}" }
            return v
        }
    }
}

private class JsonParser(val s: String) {
    var pos = 0

    fun ws() {
        while (pos < s.length && s[pos].isWhitespace()) pos++
    }

    private fun expect(c: Char) {
        ws()
        require(pos < s.length && s[pos] == c) { "expected '$c' at $pos" }
        pos++
    }

    fun value(): Json {
        ws()
        require(pos < s.length) { "unexpected end of JSON" }
        val start = pos
        return when (s[pos]) {
            '{' -> {
                pos++
                val fields = LinkedHashMap<String, Json>()
                ws()
                if (s[pos] == '}') pos++ else while (true) {
                    ws()
                    val key = (value() as? Json.Str)?.value ?: error("object key must be a string at $pos")
                    expect(':')
                    fields[key] = value()
                    ws()
                    if (s[pos++] == '}') break
                    require(s[pos - 1] == ',') { "expected ',' or '}' at ${pos - 1}" }
                }
                Json.Obj(fields, s.substring(start, pos))
            }
            '[' -> {
                pos++
                val items = ArrayList<Json>()
                ws()
                if (s[pos] == ']') pos++ else while (true) {
                    items.add(value())
                    ws()
                    if (s[pos++] == ']') break
                    require(s[pos - 1] == ',') { "expected ',' or ']' at ${pos - 1}" }
                }
                Json.Arr(items, s.substring(start, pos))
            }
            '"' -> {
                pos++
                val out = StringBuilder()
                while (s[pos] != '"') {
                    if (s[pos] == '\\') {
                        pos++
                        when (val e = s[pos]) {
                            'n' -> out.append('\n')
                            't' -> out.append('\t')
                            'r' -> out.append('\r')
                            'b' -> out.append('\b')
                            'f' -> out.append('\u000C')
                            'u' -> { out.append(s.substring(pos + 1, pos + 5).toInt(16).toChar()); pos += 4 }
                            else -> out.append(e)
                        }
                    } else {
                        out.append(s[pos])
                    }
                    pos++
                }
                pos++
                Json.Str(out.toString(), s.substring(start, pos))
            }
            't', 'f', 'n' -> {
                for (word in listOf("true", "false", "null")) {
                    if (s.startsWith(word, pos)) {
                        pos += word.length
                        return if (word == "null") Json.Null(word) else Json.Bool(word == "true", word)
                    }
                }
                error("unexpected literal at $pos")
            }
            else -> {
                while (pos < s.length && (s[pos].isDigit() || s[pos] in "+-.eE")) pos++
                require(pos > start) { "unexpected character '${s[start]}' at $start" }
                Json.Num(s.substring(start, pos))
            }
        }
    }
}
