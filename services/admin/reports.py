"""What a bulk action or a save did, said in the admin's messages."""

from django.contrib import messages

from .. import integrity

MAX_MESSAGES = 20


def report_to_messages(modeladmin, request, report, done):
    """Turn an actions.Report into admin messages: a summary, then problems first, then notes."""
    summary = f"{done}：{report.changed} 条已修改，{report.unchanged} 条原本如此无需修改。"
    if report.problems:
        summary += f"{len(report.problems)} 条未能修改，原因见下。"
    level = messages.WARNING if report.problems else messages.SUCCESS
    modeladmin.message_user(request, summary, level)
    lines = [(p, messages.ERROR) for p in report.problems]
    lines += [(n, messages.INFO) for n in report.notes]
    for text, line_level in lines[:MAX_MESSAGES]:
        modeladmin.message_user(request, text, line_level)
    if len(lines) > MAX_MESSAGES:
        hidden = len(lines) - MAX_MESSAGES
        modeladmin.message_user(request, f"……另有 {hidden} 条说明未列出。", messages.INFO)


def warn_broken_rules(modeladmin, request, matter):
    """Rules across records (a 7×24 matter at a kiosk, a 下沉 matter at every street centre) can
    only hold once the links are saved too, so a save is not refused: what is wrong is said."""
    for problem in integrity.matter_problems(matter):
        modeladmin.message_user(request, f"请注意：{problem}", messages.WARNING)
