/**
 * What someone who may not act on a case is told, whether the case they named exists or not:
 * the same words, no reference, the policy mailbox to reply to. A stranger learns nothing
 * about a case from writing to it, not even that it exists, and never gets its signed reply
 * address.
 */
export const ANSWER_TO_STRANGER = {
  template: 'command-refused',
  data: {
    problems: [
      "It did not name a case you can act on. Only the people on a case, the agencies' contacts " +
        'for it and partnership staff can act on it, by replying to the latest email they had ' +
        'about it. If you should be on a case, ask one of them to add you.',
    ],
  },
} as const;
