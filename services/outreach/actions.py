"""The writes of 问政事儿: a question asked on the public form, and its answer in the admin."""

from django.utils import timezone

from .models import Question


def question_ask(*, matter, text, asker, contact=""):
    """A new, unanswered, non-public question about `matter`."""
    return Question.objects.create(matter=matter, text=text, asker=asker, contact=contact)


def question_answer(*, question, answer, public, by, text=None):
    """Answer (or re-answer) a question; the asker's contact is erased once there is an answer.

    `text` lets staff remove personal details from the question before it is published.
    """
    if text is not None:
        question.text = text
    # Compare with the stored answer: an admin form has already set the new one on `question`.
    stored = Question.objects.filter(pk=question.pk).values_list("answer", flat=True).first()
    if answer != (stored or ""):
        question.answered_at = timezone.now() if answer else None
        question.answered_by = by if answer else None
    question.answer = answer
    question.public = public and bool(answer.strip())
    if answer.strip():
        question.contact = ""  # no longer needed: the answer is given
    question.full_clean()
    question.save()
    return question
