package io.stagesim.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How the help reads: each command's description as one paragraph wrapped to the terminal's
 * width, and the top-level "Commands:" list with the whole first sentence of each. Descriptions
 * are written in the source as several lines; picocli would keep those line breaks, wrapping
 * each line again (ragged text), and list only the first line, cut mid-sentence.
 */
final class HelpLayout {

    private HelpLayout() {
    }

    /** Reflows the descriptions of {@code top}'s commands and lists them by first sentence. */
    static void apply(CommandLine top) {
        for (CommandLine sub : top.getSubcommands().values()) {
            UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
            if (usage.description().length > 1) {
                usage.description(String.join(" ", usage.description()));
            }
        }
        top.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
    }

    private static String commandList(Help help) {
        Map<String, Help> commands = help.subcommands();
        if (commands.isEmpty()) {
            return "";
        }
        int names = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
        int width = help.commandSpec().usageMessage().width();
        TextTable table = TextTable.forColumns(help.colorScheme(), new Column(names + 2, 2, Column.Overflow.SPAN),
                new Column(width - names - 2, 2, Column.Overflow.WRAP));
        for (Map.Entry<String, Help> e : commands.entrySet()) {
            table.addRowValues(e.getValue().commandNamesText(", "),
                    help.colorScheme().text(firstSentence(e.getValue().commandSpec().usageMessage())));
        }
        return table.toString();
    }

    /** The header if there is one, else the description's first sentence, however many lines it spans. */
    static String firstSentence(UsageMessageSpec usage) {
        String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
        // the lines are format strings: %% is a percent sign, %n a line break
        String text = String.join(" ", lines).replace("%n", " ").replace("%%", "%").replaceAll("\\s+", " ").trim();
        for (int i = text.indexOf(". "); i >= 0; i = text.indexOf(". ", i + 1)) {
            if (Character.isUpperCase(text.charAt(i + 2))) {
                return text.substring(0, i + 1);
            }
        }
        return text;
    }
}
