package com.synapselinkhealth.health.messages;

/**
 * The short Markdown message of an event, for a Teams chat, a mail or any tool that reads Markdown: the heading in
 * bold, the summary, the facts as a list and the status page link. Every name and value is escaped
 * ({@link Markdown#escape(String)}), so a table called {@code *_[x](y)} shows as written.
 */
public final class MarkdownMessage {
    private MarkdownMessage() {
    }

    public static String render(EventMessage message) {
        StringBuilder md = new StringBuilder(256);
        md.append("**").append(Markdown.escape(message.heading())).append("**\n\n");
        md.append(Markdown.escape(message.summary())).append("\n\n");
        for (EventMessage.Fact fact : message.facts()) {
            md.append("- ").append(Markdown.escape(fact.title())).append(": ").append(Markdown.escape(fact.value())).append('\n');
        }
        for (EventMessage.Section section : message.sections()) {
            md.append("\n**").append(Markdown.escape(section.title())).append("**\n\n");
            for (EventMessage.Fact fact : section.facts()) {
                md.append("- ").append(Markdown.escape(fact.title())).append(": ").append(Markdown.escape(fact.value()))
                    .append('\n');
            }
        }
        message.statusPage().ifPresent(link ->
            md.append("\n[Open the status page](").append(linkTarget(link)).append(")\n"));
        return md.toString();
    }

    /** A link destination in angle brackets, so spaces and parentheses in it do not end it early. */
    private static String linkTarget(StatusPageLink link) {
        String text = link.uri().toASCIIString().replace("<", "%3C").replace(">", "%3E");
        return "<" + text + ">";
    }
}
