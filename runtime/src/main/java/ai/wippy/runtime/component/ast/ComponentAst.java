package ai.wippy.runtime.component.ast;

import java.util.List;

/** A decoded component: its definitions in binary order. {@code offset}: where its preamble starts. */
public record ComponentAst(List<Definition> definitions, int offset) {

    public ComponentAst {
        definitions = List.copyOf(definitions);
    }
}
